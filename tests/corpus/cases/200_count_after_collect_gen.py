# Counts after collecting each generation explicitly.
import gc

gc.collect()
a = [[] for i in range(3)]
print(gc.get_count())
print(gc.collect(0), gc.get_count())
b = [[] for i in range(3)]
print(gc.collect(1), gc.get_count())
c = [[] for i in range(3)]
print(gc.collect(2), gc.get_count())
