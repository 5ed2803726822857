# The empty tuple, the empty string and one-character strings are immortal.
import sys

print(sys.getrefcount(()))
print(sys.getrefcount(''))
print(sys.getrefcount('a'))
t = tuple([])
et = ()
print(t is et)
empty = ''
s = 'abc'[1:1]
print(s is empty)
