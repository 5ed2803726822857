# Seed example variant: one dict of the cycle is still named, so nothing is collected.
import gc
import sys

object_1 = {}
object_2 = {}
object_1['obj2'] = object_2
object_2['obj1'] = object_1
del object_2
print(gc.collect())
print(sys.getrefcount(object_1))
print(len(object_1['obj2']['obj1']))
object_1.clear()
print(gc.collect())
