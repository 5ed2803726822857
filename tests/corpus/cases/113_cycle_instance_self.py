# An instance whose attribute points at itself.
import gc
import sys

gc.collect()


class Node:
    pass


n = Node()
n.me = n
print(sys.getrefcount(n))
del n
print(gc.collect())
