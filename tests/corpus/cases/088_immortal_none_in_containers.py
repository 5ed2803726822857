# Storing None in containers does not change what getrefcount reports for it.
import sys

r0 = sys.getrefcount(None)
d = {i: None for i in range(100)}
r1 = sys.getrefcount(None)
del d
r2 = sys.getrefcount(None)
print(r0 == r1 == r2)


def f():
    pass


print(f() is None, sys.getrefcount(None) == r0)
