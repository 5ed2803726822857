# frozenset's methods: union, intersection, difference, symmetric_difference
# (results are frozensets, any iterables, several arguments) and copy, which
# returns the frozenset itself; operators keep the left operand's type.
import sys, gc
a = frozenset([1, 2, 3])
b = frozenset([3, 4])
r0 = sys.getrefcount(a)
c = a.copy()
print(c is a, sys.getrefcount(a) - r0)
del c
for name, r in [("union", a.union(b, [5])), ("intersection", a.intersection(b, range(4))),
                ("difference", a.difference(b, {1})), ("symmetric_difference", a.symmetric_difference([4, 5])),
                ("|", a | b), ("&", a & b), ("-", a - b), ("^", a ^ b),
                ("set | frozenset", {1, 9} | a), ("frozenset | set", a | {1, 9})]:
    print(name, type(r).__name__, r)
print(a.union() is a, a.union() == a, type(a.intersection()).__name__, a.difference() is a)
print(frozenset().copy() is frozenset(), a.issubset([1, 2, 3, 4]), a.isdisjoint(b))
try:
    a.add(4)
except AttributeError as e:
    print(e)
try:
    a.symmetric_difference()
except TypeError as e:
    print(e)
s = {7, 8}
l1 = [1]
gc.collect()
c0 = gc.get_count()[0]
u = s.union()
print(gc.get_count()[0] - c0)
c0 = gc.get_count()[0]
u = s.union(l1, l1)
print(gc.get_count()[0] - c0)
c0 = gc.get_count()[0]
u = s.intersection(l1, l1)
print(gc.get_count()[0] - c0)
