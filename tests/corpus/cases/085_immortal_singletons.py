# The singletons reachable in the subset: None, True, False and ().
import sys

vals = [None, True, False, ()]
counts = [sys.getrefcount(v) for v in vals]
print(len(set(counts)))
print(counts)
print(counts == [sys.getrefcount(v) for v in vals])
