# Tuple and list unpacking bind names to the same objects.
import sys

o = []
a, b = o, o
print(sys.getrefcount(o))
[c, d, e] = [o, o, o]
print(sys.getrefcount(o))
a = b = c = d = e = 0
print(sys.getrefcount(o))
x, *rest = [o, o, o, o]
print(sys.getrefcount(o), len(rest))
