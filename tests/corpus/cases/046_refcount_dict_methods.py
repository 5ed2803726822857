# dict.get, setdefault, update, items and values add or keep references.
import sys

v = []
d = {}
d.setdefault('a', v)
print(sys.getrefcount(v))
got = d.get('a')
print(sys.getrefcount(v))
d.update({'b': v, 'c': v})
print(sys.getrefcount(v))
vals = list(d.values())
print(sys.getrefcount(v))
pairs = list(d.items())
print(sys.getrefcount(v))
del vals, pairs, got
print(sys.getrefcount(v))
