# Refcounts of classes, functions and methods defined in a module.
import sys


def f():
    pass


class A:
    def m(self):
        pass


class B(A):
    x = 1


print(sys.getrefcount(f))
print(sys.getrefcount(A), sys.getrefcount(B))
print(sys.getrefcount(A.m))
print(sys.getrefcount(A.__dict__['m']))
