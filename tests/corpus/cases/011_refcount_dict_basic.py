# Refcount of a dict bound to names and stored as a value in another dict.
import sys

d = {'x': 1}
print(sys.getrefcount(d))
holder = {}
holder['a'] = d
holder['b'] = d
print(sys.getrefcount(d))
del holder['a']
print(sys.getrefcount(d))
holder.clear()
print(sys.getrefcount(d))
