# set operations on ints (deterministic order).
a = {1, 2, 3, 4}
b = {3, 4, 5}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b))
a.add(10)
a.discard(1)
a.remove(2)
print(sorted(a), 3 in a, 2 in a, len(a))
print(a.issubset({3, 4, 10, 11}), {3}.issubset(a))
print(set([1, 1, 2]) == {1, 2}, sorted({x % 4 for x in range(20)}))
