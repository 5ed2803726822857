# Objects saved in gc.garbage are ordinary live objects with refcounts.
import gc
import sys

gc.collect()
gc.set_debug(gc.DEBUG_SAVEALL)
x = []
x.append(x)
del x
gc.collect()
gc.set_debug(0)
saved = gc.garbage[0]
print(sys.getrefcount(saved))
gc.garbage.clear()
print(sys.getrefcount(saved))
saved.clear()
print(sys.getrefcount(saved))
