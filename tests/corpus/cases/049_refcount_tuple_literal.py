# A constant tuple literal is shared with the code object; a built tuple is not.
import sys

a = (1, 2, 3)
print(sys.getrefcount(a))
n = 3
b = (1, 2, n)
print(sys.getrefcount(b))
print(a == b, a is b)
c = tuple([1, 2, 3])
print(sys.getrefcount(c), c == a)
