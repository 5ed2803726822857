# Two dicts that point at each other
# After del, each dict still holds the other, so neither count reaches zero; they stay in memory until gc.collect() finds and frees them.
import gc
import sys


def dicts_in_memory():
    return sum(1 for o in gc.get_objects() if type(o) is dict and ('obj1' in o or 'obj2' in o))


object_1 = {}
object_2 = {}
object_1['obj2'] = object_2
object_2['obj1'] = object_1
print(sys.getrefcount(object_1))  # its name, object_2's value, getrefcount's argument

del object_1, object_2  # unreachable now, but each count is still 1
print('still in memory:', dicts_in_memory())
print(gc.collect())  # the collector finds the cycle: 2 objects
print('still in memory:', dicts_in_memory())
