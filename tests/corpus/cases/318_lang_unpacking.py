# Unpacking into names, starred names and nested targets.
a, b = 1, 2
a, b = b, a
print(a, b)
first, *middle, last = range(6)
print(first, middle, last)
(x, y), z = (1, 2), 3
print(x, y, z)
for i, (k, v) in enumerate([('a', 1), ('b', 2)]):
    print(i, k, v)
[p, q] = 'pq'
print(p, q)
