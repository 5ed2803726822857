# Attribute values referenced by instances and by a class attribute.
import sys


class P:
    shared = []

    def __init__(self, v):
        self.v = v


v = []
ps = [P(v) for i in range(3)]
print(sys.getrefcount(v))
print(sys.getrefcount(P.shared))
ps[0].v = None
print(sys.getrefcount(v))
del ps
print(sys.getrefcount(v))
