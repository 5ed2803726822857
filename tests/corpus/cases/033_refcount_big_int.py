# Constant-folded big ints and floats are also held by the code object;
# the same values computed at run time are ordinary refcounted objects.
import sys

big = 10 ** 30
print(sys.getrefcount(big))
f = 1.5 * 3
print(sys.getrefcount(f))
n = 30
big2 = 10 ** n
print(sys.getrefcount(big2))
h = 1.5
f2 = h * 3
print(sys.getrefcount(f2))
alias = big2
lst = [big2, f2, big2]
print(sys.getrefcount(big2), sys.getrefcount(f2))
print(big == big2, big is big2, f == f2)
