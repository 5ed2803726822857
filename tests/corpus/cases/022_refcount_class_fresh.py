# The refcount of a freshly created class (its own internals reference it).
import sys


class A:
    pass


class B(A):
    pass


print(sys.getrefcount(A))
print(sys.getrefcount(B))
a = A()
print(sys.getrefcount(A))
b1 = B()
b2 = B()
print(sys.getrefcount(B))
del a, b1, b2
print(sys.getrefcount(A), sys.getrefcount(B))
