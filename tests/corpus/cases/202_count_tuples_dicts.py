# Tuples and dicts built at run time are counted as tracked allocations.
import gc

gc.collect()
n = 1
print(gc.get_count())
t = (n, n)
print(gc.get_count())
d = {}
print(gc.get_count())
d['l'] = []
print(gc.get_count())
