# Set members are references; adding a present member adds nothing.
import sys

t = (1, 2)
s = set()
s.add(t)
print(sys.getrefcount(t))
s.add(t)
print(sys.getrefcount(t), len(s))
s2 = set(s)
print(sys.getrefcount(t))
s.discard(t)
print(sys.getrefcount(t))
u = s | s2
print(sys.getrefcount(t))
