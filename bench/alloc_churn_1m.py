# 1,000,000 loop iterations, each allocating small objects (a tuple, a list,
# a dict, an int) that reference counting frees at once.
import time

N = 1_000_000  # iterations (the bench harness sets a smaller N for its smoke run)

t0 = time.perf_counter()
total = 0
for i in range(N):
    t = (i, i + 1)
    l = [i]
    d = {"k": i}
    total += len(l) + len(d)
t1 = time.perf_counter()
print("total:", total)
print("ms:", (t1 - t0) * 1000)
