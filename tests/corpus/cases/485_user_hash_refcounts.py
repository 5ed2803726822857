# References around __hash__ and __eq__ called by dict and set operations:
# no bound method is made, the stored key is held while its __eq__ runs,
# d[k] = v and set.add hold the new key too, a dict display holds its inputs.
import sys, gc
class C:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        print("hash", self.v, sys.getrefcount(self))
        return 7
    def __eq__(self, other):
        print("eq", self.v, other.v, sys.getrefcount(self), sys.getrefcount(other))
        return self.v == other.v
k = C(1)
d = {k: 'a', C(2): 'b'}
gc.collect()
c0 = gc.get_count()[0]
r = sys.getrefcount(k)
x = d[k]
y = d[C(2)]
print(gc.get_count()[0] - c0, sys.getrefcount(k) - r, x, y)
d[C(3)] = 'c'
del d[C(2)]
print(len(d))
s = {C(1), C(2), C(3)}
s.discard(C(2))
s.remove(C(3))
print([c.v for c in s])
e = {c.v: c for c in [C(4)]}
f = {C(5): i for i in range(2)}
print(len(e), len(f))
