# enumerate and zip objects keep references to the iterables they wrap.
import sys

a = [1, 2]
b = [3, 4]
e = enumerate(a)
print(sys.getrefcount(a))
z = zip(a, b)
print(sys.getrefcount(a), sys.getrefcount(b))
print(list(z))
print(sys.getrefcount(a), sys.getrefcount(b))
del e, z
print(sys.getrefcount(a), sys.getrefcount(b))
