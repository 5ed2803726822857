# The second collect finds nothing; garbage counts are per collection.
import gc

gc.collect()
a = []
a.append(a)
b = []
b.append(b)
del a
print(gc.collect())
print(gc.collect())
del b
print(gc.collect())
print(gc.collect())
