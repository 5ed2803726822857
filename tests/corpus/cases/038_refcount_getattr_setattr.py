# setattr, getattr and delattr move references like attribute syntax does.
import sys


class Node:
    pass


val = []
n = Node()
setattr(n, 'a', val)
print(sys.getrefcount(val))
got = getattr(n, 'a')
print(sys.getrefcount(val), got is val)
print(hasattr(n, 'a'), hasattr(n, 'b'))
delattr(n, 'a')
print(sys.getrefcount(val), hasattr(n, 'a'))
print(getattr(n, 'a', 'missing'))
