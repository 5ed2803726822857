# A suspended generator keeps its locals (and arguments) alive.
import sys

data = [10, 20, 30]


def gen(seq):
    for item in seq:
        yield item


print(sys.getrefcount(data))
g = gen(data)
print(sys.getrefcount(data))
print(next(g))
print(sys.getrefcount(data))
print(list(g))
print(sys.getrefcount(data))
del g
print(sys.getrefcount(data))
