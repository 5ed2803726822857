# A list iterator references its list until it is exhausted.
import sys

lst = [[1], [2]]
it = iter(lst)
print(sys.getrefcount(lst))
first = next(it)
print(sys.getrefcount(lst), sys.getrefcount(first))
next(it)
print(sys.getrefcount(lst))
print(next(it, 'done'))
print(sys.getrefcount(lst))
