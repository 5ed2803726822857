# DEBUG_SAVEALL keeps collected objects in gc.garbage instead of freeing them.
import gc

gc.collect()
gc.set_debug(gc.DEBUG_SAVEALL)
print(gc.get_debug() == gc.DEBUG_SAVEALL)
a = []
a.append(a)
del a
print(gc.collect())
print(len(gc.garbage))
print(type(gc.garbage[0]).__name__, gc.garbage[0][0] is gc.garbage[0])
gc.set_debug(0)
gc.garbage.clear()
print(gc.collect())
