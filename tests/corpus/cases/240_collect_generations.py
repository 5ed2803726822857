# gc.collect(generation) for generations 0, 1 and 2.
import gc

gc.collect()
a = []
a.append(a)
del a
print(gc.collect(0))
b = []
b.append(b)
gc.collect(0)
del b
print(gc.collect(0))
print(gc.collect(1))
c = []
c.append(c)
gc.collect(0)
gc.collect(1)
del c
print(gc.collect(1))
print(gc.collect(2))
