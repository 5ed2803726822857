# Rebinding a name in a loop drops the old object each time.
import sys

keep = []
cur = None
i = 0
while i < 4:
    cur = [i]
    keep.append(cur)
    print(sys.getrefcount(cur), sys.getrefcount(keep[0]))
    i += 1
print([sys.getrefcount(x) for x in keep])
