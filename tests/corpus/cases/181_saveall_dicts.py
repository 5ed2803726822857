# DEBUG_SAVEALL with the seed example: both dicts land in gc.garbage.
import gc

gc.collect()
gc.set_debug(gc.DEBUG_SAVEALL)
object_1 = {}
object_2 = {}
object_1['obj2'] = object_2
object_2['obj1'] = object_1
del object_1, object_2
print(gc.collect())
print(sorted(type(o).__name__ for o in gc.garbage))
print(sorted(len(o) for o in gc.garbage))
gc.set_debug(0)
del gc.garbage[:]
print(gc.collect())
