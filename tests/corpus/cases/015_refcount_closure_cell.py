# A closure keeps its captured list alive through a cell.
import sys


def make():
    items = []

    def add(x):
        items.append(x)
        return len(items)

    return add, items


add, items = make()
print(sys.getrefcount(items))
print(add(1), add(2))
del add
print(sys.getrefcount(items))
print(items)
