# Reading obj.__dict__ materialises the instance dictionary.
import sys


class C:
    def __init__(self):
        self.x = 1


c = C()
d = c.__dict__
print(sys.getrefcount(d))
print(d)
print(d is c.__dict__)
c.y = 2
print(sorted(d))
del d
print(c.__dict__ == {'x': 1, 'y': 2})
