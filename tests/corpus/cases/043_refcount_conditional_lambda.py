# A lambda closing over a list keeps it alive after the name is deleted.
import sys

box = [0]
get = lambda: box
print(sys.getrefcount(box))
inc = lambda b=box: b.append(1)
print(sys.getrefcount(box))
inc()
val = box if len(box) > 1 else None
print(sys.getrefcount(box), val)
del val, inc
print(sys.getrefcount(box))
