# A bound method holds a reference to its instance.
import sys


class C:
    def m(self):
        return 7


c = C()
print(sys.getrefcount(c))
m = c.m
print(sys.getrefcount(c))
m2 = c.m
print(sys.getrefcount(c))
print(m is m2, m() + m2())
del m, m2
print(sys.getrefcount(c))
