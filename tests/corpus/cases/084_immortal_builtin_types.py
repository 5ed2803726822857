# Built-in type objects are immortal: their refcount does not move.
import sys

before = sys.getrefcount(int)
alias = int
many = [int] * 100
after = sys.getrefcount(int)
print(before == after)
print(sys.getrefcount(list) == sys.getrefcount(dict))
print(before)
