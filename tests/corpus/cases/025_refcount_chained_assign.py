# Chained assignment binds every target to the same object.
import sys

a = b = c = {}
print(sys.getrefcount(a))
print(a is b is c)
b = []
print(sys.getrefcount(a))
lst = [None] * 3
lst[0] = lst[1] = a
print(sys.getrefcount(a))
