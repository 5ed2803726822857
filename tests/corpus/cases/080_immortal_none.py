# None is immortal: its refcount is a fixed large number that never changes.
import sys

a = sys.getrefcount(None)
lst = [None] * 1000
b = sys.getrefcount(None)
print(a == b)
print(a)
print(a > 1000000)
