# Local variables of a function hold references that disappear on return.
import sys

shared = {}


def f():
    a = shared
    b = shared
    print(sys.getrefcount(shared))
    del a
    print(sys.getrefcount(shared))
    return b


print(sys.getrefcount(shared))
r = f()
print(sys.getrefcount(shared))
del r
print(sys.getrefcount(shared))
