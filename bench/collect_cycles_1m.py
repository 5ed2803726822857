# One full collection over 1,000,000 lists in 2-cycles, half of them still
# referenced: the time of gc.collect() alone.
import gc
import sys
import time

N = 1_000_000  # lists (the bench harness sets a smaller N for its smoke run)

gc.disable()
keep = []
for i in range(N // 2):
    a = []
    b = [a]
    a.append(b)
    if i % 2 == 0:
        keep.append(a)
del a, b
t0 = time.perf_counter()
collected = gc.collect()
t1 = time.perf_counter()
gc.enable()
print("collected:", collected)
print("ms:", (t1 - t0) * 1000)
# --- CPython only (the bench harness cuts what follows for gcplay's runners) ---
# CPython's own size of the two lists of a pair, plus the 16-byte GC header each
pair = keep[0]
size = (sys.getsizeof(pair) + sys.getsizeof(pair[0])) / 2 + 16
print("bytes_per_object:", size)
