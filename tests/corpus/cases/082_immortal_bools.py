# True and False are immortal singletons.
import sys

t = sys.getrefcount(True)
f = sys.getrefcount(False)
flags = [True] * 50 + [False] * 50
print(t == sys.getrefcount(True), f == sys.getrefcount(False))
print(t, f)
print((1 == 1) is True, bool(0) is False)
