# Where a class's references come from: a lone class, one with a subclass,
# an exception subclass, and one more per live instance.
import sys


class C:
    pass


print(sys.getrefcount(C))


class D:
    def m(self):
        return 1


class E(D):
    pass


print(sys.getrefcount(D), sys.getrefcount(E))


class F(Exception):
    pass


print(sys.getrefcount(F))
objs = [C(), C(), C()]
print(sys.getrefcount(C))
del objs
print(sys.getrefcount(C))
