# Refcount of a list as names are bound to it and removed.
import sys

a = [1, 2, 3]
print(sys.getrefcount(a))
b = a
print(sys.getrefcount(a))
c = b
print(sys.getrefcount(a))
del b
print(sys.getrefcount(a))
c = None
print(sys.getrefcount(a))
