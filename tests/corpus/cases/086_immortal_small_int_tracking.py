# Small ints vs computed small ints: still the same immortal objects.
import sys

a = 100
b = int('100')
c = 50 * 2
print(a is b, b is c)
print(sys.getrefcount(a) == sys.getrefcount(100))
d = 257
e = int('257')
print(d is e)
print(sys.getrefcount(e))
