# Comprehensions add references to the elements they collect.
import sys

x = []
lst = [x for i in range(3)]
print(sys.getrefcount(x))
d = {i: x for i in range(4)}
print(sys.getrefcount(x))
counts = [sys.getrefcount(y) for y in lst]
print(counts)
del lst, d
print(sys.getrefcount(x))
