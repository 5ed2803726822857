# Timing the free of a big structure with time.perf_counter (only the sign is printed).
import gc
import time

gc.collect()
big = [[i] for i in range(200000)]
start = time.perf_counter()
del big
elapsed = time.perf_counter() - start
print(elapsed >= 0, type(elapsed).__name__)
print(gc.collect())
