# Refcount of a tuple built at run time and of the objects inside it.
import sys

x = [0]
t = (x, x, x)
print(sys.getrefcount(t))
print(sys.getrefcount(x))
u = t
print(sys.getrefcount(t))
del t, u
print(sys.getrefcount(x))
