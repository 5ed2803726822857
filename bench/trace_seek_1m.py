# A program of 1,000,000 steps (statements run) whose heap keeps changing:
# a ring of 64 slots, each replaced by a new list that holds another; now and
# then a cycle for the collector. In the wasm runner the page's trace is
# recorded, then 1,000 random steps are shown (snapshot(step)).
import time

N = 1_000_000  # steps (the bench harness sets a smaller N for its smoke run)

t0 = time.perf_counter()
ring = [None] * 64
i = 0
n = N // 4
while i < n:
    ring[i % 64] = [i, [i]]
    if i % 1000 == 0:
        c = [ring]
        c.append(c)
    i += 1
t1 = time.perf_counter()
print("iterations:", i)
print("ms:", (t1 - t0) * 1000)
