# Garbage found while DEBUG_SAVEALL was off is freed, not saved.
import gc

gc.collect()
a = []
a.append(a)
del a
print(gc.collect(), len(gc.garbage))
gc.set_debug(gc.DEBUG_SAVEALL)
b = []
b.append(b)
c = [b]
b.append(c)
del b, c
print(gc.collect(), len(gc.garbage))
gc.set_debug(0)
print(gc.collect(), len(gc.garbage))
gc.garbage.clear()
print(gc.collect())
