# The seed article's self-referencing list: freed only by the cycle collector.
import gc
import sys

lst = []
lst.append(lst)
print(sys.getrefcount(lst))
print(lst)
del lst
print(gc.collect())
print(gc.collect())
