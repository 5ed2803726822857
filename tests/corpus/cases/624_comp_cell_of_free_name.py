# A comprehension's captured variable named like a free variable of the
# function it runs in: CPython makes the new cell in the free variable's slot
# and does not put the old cell back, so the name reads the comprehension's
# cell afterwards (3.12 and 3.13 alike).
import sys


def outer():
    i = "outer"

    def inner():
        print(sys.getrefcount(cell))
        fs = [lambda: i for i in range(2)]
        print(sys.getrefcount(cell))
        return i, fs[0]()

    return inner


inner = outer()
cell = inner.__closure__[0]
print(sys.getrefcount(cell))
print(inner())
print(sys.getrefcount(cell), cell.cell_contents)


def outer2():
    i = "outer"

    def inner():
        r = [i for i in range(2)]
        return i, r

    return inner()


print(outer2())
