# Lists are always tracked, even empty or holding only ints.
import gc

print(gc.is_tracked([]))
print(gc.is_tracked([1, 2, 3]))
lst = list(range(5))
gc.collect()
print(gc.is_tracked(lst))
print(gc.is_tracked(lst[0]))
