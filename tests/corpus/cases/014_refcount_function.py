# Refcount of a function object: the module name, an alias and a list entry.
import sys


def f():
    return 1


print(sys.getrefcount(f))
g = f
print(sys.getrefcount(f))
fs = [f, f, g]
print(sys.getrefcount(f))
del fs
print(sys.getrefcount(f))
print(g is f, g())
