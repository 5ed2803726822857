# Sets compare by inclusion (< <= > >=); issubset, issuperset and isdisjoint, on frozensets too, and what they allocate.
a, b, c = {1, 2}, {1, 2, 3}, frozenset({1, 2})
for x, y in [(a, b), (b, a), (a, c), (c, a), (a, {3}), (set(), a), (a, a)]:
    print(x < y, x <= y, x > y, x >= y, x == y, x != y)
print(sorted([{1, 2}, {1}, {3}], key=len))
try:
    print({1} < [1])
except TypeError as e:
    print(e)
print(a.issubset(b), b.issuperset(a), a.isdisjoint({5}))
f = frozenset({1, 2})
print(f.issubset({1, 2, 3}), f.issuperset([1]), f.isdisjoint((3, 4)), f.isdisjoint(x for x in [2]))
print(a.issuperset(b), b.issuperset([1, 2]), a.isdisjoint(set()), set().isdisjoint(a), set().issubset([]))
try:
    a.issubset(5)
except TypeError as e:
    print(e)
try:
    a.isdisjoint([[]])
except TypeError as e:
    print(e)
import gc
gc.collect()
n = gc.get_count()[0]
a.issubset(b)
a.issuperset(b)
a.isdisjoint(b)
print(gc.get_count()[0] - n)
