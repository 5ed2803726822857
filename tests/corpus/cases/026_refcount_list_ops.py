# List methods change the refcount of the elements they copy or drop.
import sys

x = []
lst = [x]
print(sys.getrefcount(x))
lst = lst * 3
print(sys.getrefcount(x))
lst.extend([x, x])
print(sys.getrefcount(x))
lst.pop()
print(sys.getrefcount(x))
lst.remove(x)
print(sys.getrefcount(x))
copy = lst[:]
print(sys.getrefcount(x))
lst.clear()
print(sys.getrefcount(x), len(copy))
