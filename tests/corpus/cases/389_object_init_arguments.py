# super().__init__ reaching object takes no arguments; an exception's takes them as args, no keywords.
import sys
class C:
    def __init__(self, x):
        super().__init__()
        self.x = x
print(C(1).x)
class D:
    def __init__(self, x):
        super().__init__(x)
try:
    D(1)
except TypeError as e:
    print(e)
class E(Exception):
    def __init__(self, m):
        super().__init__(m, k=1)
try:
    E(1)
except TypeError as e:
    print(e)
v = []
class F(Exception):
    def __init__(self, a):
        super().__init__(a)
        super().__init__(a, a)
f = F(v)
print(sys.getrefcount(v), f.args)
