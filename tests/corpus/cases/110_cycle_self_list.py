# A list containing itself survives del until the collector finds it.
import gc
import sys

gc.collect()
a = []
a.append(a)
print(sys.getrefcount(a))
del a
print(gc.collect())
