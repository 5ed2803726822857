# One object held by a list, a tuple, a dict value and a set member at once.
import sys

x = (1, 2)
print(sys.getrefcount(x))
lst = [x]
print(sys.getrefcount(x))
tup = (x, 0)
print(sys.getrefcount(x))
dct = {'k': x}
print(sys.getrefcount(x))
st = {x}
print(sys.getrefcount(x))
del lst, tup, dct, st
print(sys.getrefcount(x))
