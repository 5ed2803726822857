# Refcount of self seen from inside a method call.
import sys


class C:
    def count(self):
        return sys.getrefcount(self)

    def count_via(self):
        return self.count()


c = C()
print(sys.getrefcount(c))
print(c.count())
print(c.count_via())
m = c.count
print(m())
print(C.count(c))
