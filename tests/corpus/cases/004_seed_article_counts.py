# Seed example variant: refcounts of the two dicts before and after the cycle is made.
import gc
import sys

object_1 = {}
object_2 = {}
print(sys.getrefcount(object_1), sys.getrefcount(object_2))
object_1['obj2'] = object_2
object_2['obj1'] = object_1
print(sys.getrefcount(object_1), sys.getrefcount(object_2))
del object_1
print(sys.getrefcount(object_2['obj1']))
del object_2
print(gc.collect())
