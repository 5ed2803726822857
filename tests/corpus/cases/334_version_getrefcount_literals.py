# getrefcount of constants referenced from code objects.
import sys

big = 123456789012345678901234567890
fl = 2.718281828
print(sys.getrefcount(big))
print(sys.getrefcount(fl))
print(sys.getrefcount(123456789012345678901234567890))


def f():
    return 98765432109876543210


print(sys.getrefcount(f()))
