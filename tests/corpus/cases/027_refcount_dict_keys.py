# Keys and values of a dict are both references.
import sys

k = (1, 'key')
v = [k]
d = {k: v}
print(sys.getrefcount(k), sys.getrefcount(v))
d[k] = v
print(sys.getrefcount(k), sys.getrefcount(v))
d2 = dict(d)
print(sys.getrefcount(k), sys.getrefcount(v))
v2 = d.pop(k)
print(sys.getrefcount(k), sys.getrefcount(v))
del d2, v2
print(sys.getrefcount(k), sys.getrefcount(v))
