# Refcount of a class instance bound to names and attributes.
import sys


class Box:
    pass


b = Box()
print(sys.getrefcount(b))
other = Box()
other.ref = b
print(sys.getrefcount(b))
other.ref2 = b
print(sys.getrefcount(b))
del other.ref
print(sys.getrefcount(b))
del other
print(sys.getrefcount(b))
