# Small ints (-5..256) are immortal and shared; bigger ints are not.
import sys

print(sys.getrefcount(0), sys.getrefcount(1), sys.getrefcount(256), sys.getrefcount(-5))
x = 256
y = 255 + 1
print(x is y)
n = 1000
big1 = n + 1
big2 = n + 1
print(big1 is big2, big1 == big2)
print(sys.getrefcount(big1))
