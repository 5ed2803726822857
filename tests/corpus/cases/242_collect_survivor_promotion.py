# A cycle that survives young collections while reachable is found later by a full one.
import gc

gc.collect()
a = []
a.append(a)
holder = [a]
print(gc.collect(0))
print(gc.collect(0))
holder.clear()
del a
print(gc.collect(0))
print(gc.collect(2))
