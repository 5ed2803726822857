# A cycle that is still reachable from a name is not garbage.
import gc

gc.collect()
a = []
b = [a]
a.append(b)
keep = a
del a, b
print(gc.collect())
print(len(keep), len(keep[0]))
del keep
print(gc.collect())
