# issubset, issuperset and isdisjoint with sets and other iterables: which side
# is walked and hashed, and intersection with an iterable stops once it holds
# every member (a generator is not run to its end).
import gc
s = {1, 2}
l = [1, 5]
gc.collect()
c0 = gc.get_count()[0]
a = s.issuperset(l)
b = s.isdisjoint(l)
c = s.issubset(l)
print(gc.get_count()[0] - c0, a, b, c)
class K:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        print("hash", self.v)
        return 1
    def __eq__(self, o):
        print("eq", self.v, o.v)
        return self.v == o.v
t = {K(1), K(2)}
print(t.issuperset([K(2), K(1)]), t.isdisjoint([K(3), K(2)]), t.issubset([K(1), K(2), K(4)]))
def g():
    for i in [1, 2, 3, 4]:
        print("yield", i)
        yield i
s = {1, 2}
print(s.intersection(g()))
print(s.issubset(g()))
print({1, 9}.issubset(g()))
