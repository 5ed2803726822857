# Slicing copies references; slice assignment and del drop them.
import sys

a = []
b = []
lst = [a, b, a, b, a]
print(sys.getrefcount(a), sys.getrefcount(b))
s = lst[::2]
print(sys.getrefcount(a), sys.getrefcount(b))
lst[1:3] = []
print(sys.getrefcount(a), sys.getrefcount(b))
del lst[::2]
print(lst == [b], sys.getrefcount(a), sys.getrefcount(b))
del s
print(sys.getrefcount(a), sys.getrefcount(b))
