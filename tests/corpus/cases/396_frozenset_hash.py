# frozensets are hashable (CPython's order-free hash): dict keys and set members; their operators keep the left operand's type and |= makes a new one.
fs = frozenset([1, 2])
print(fs, {fs: 1}, fs | {3}, hash(fs) == hash(frozenset([2, 1])))
print(hash(frozenset()), hash(frozenset([1])), hash(frozenset(["a", "b"])), hash(frozenset([frozenset([1])])), hash(frozenset([(1, 2), None])))
s = {frozenset([1, 2]), frozenset([3]), frozenset(), frozenset(["x"])}
print(s, len(s), frozenset([2, 1]) in s)
d = {frozenset("ab"): 1}
d[frozenset("ba")] = 2
print(d)
print({frozenset([i, i + 1]) for i in range(6)})
a, b = frozenset([1, 2]), {2, 3}
print(a | b, b | a, a & b, b - a, a ^ b, type(a - b).__name__)
x = a
x |= b
print(x, a, x is a)
