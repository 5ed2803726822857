# sorted() returns a new list; reversed() keeps a reference to the original.
import sys

x = [3]
y = [1]
lst = [x, y]
s = sorted(lst)
print(sys.getrefcount(lst), sys.getrefcount(x))
r = reversed(lst)
print(sys.getrefcount(lst))
print([v[0] for v in r])
print(sys.getrefcount(lst))
del s
print(sys.getrefcount(x))
