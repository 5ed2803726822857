# Instance attribute storage: refcounts and referents before and after __dict__ is read.
import gc
import sys


class C:
    def __init__(self):
        self.a = [1]
        self.b = 2


c = C()
print(sys.getrefcount(c))
print(sorted(type(r).__name__ for r in gc.get_referents(c)))
d = c.__dict__
print(sys.getrefcount(d))
print(sorted(type(r).__name__ for r in gc.get_referents(c)))
del d
print(sys.getrefcount(c.__dict__))
print(sys.getrefcount(c.a))
