# Inside a function, a list comprehension's variable is a fast local of the
# comprehension only; captured by a lambda it is a fresh cell for the run,
# and the function's own variable of the same name is saved and restored.
import sys
import gc


def captured():
    fs = [lambda: i for i in range(3)]
    return fs[0](), fs[1].__closure__[0] is fs[2].__closure__[0]


print(captured())


def not_a_local():
    fs = [x for x in range(3)]
    print(fs)
    print(x)


try:
    not_a_local()
except NameError as e:
    print(type(e).__name__, e)


def shadowed():
    i = 7
    fs = [lambda: i for i in range(3)]
    return i, fs[0]()


print(shadowed())


def shadowed_cell():
    i = 7
    keep = lambda: i
    fs = [lambda: i for i in range(3)]
    i = 8
    return keep(), fs[0](), keep.__closure__[0] is fs[0].__closure__[0]


print(shadowed_cell())


def cells():
    fs = [lambda: i for i in range(3)]
    c = fs[0].__closure__[0]
    print(sys.getrefcount(c), len(gc.get_referents(fs[0].__closure__)))
    del fs
    print(sys.getrefcount(c), c.cell_contents)
    return c


c = cells()
print(sys.getrefcount(c), gc.get_referents(c))


def empty():
    fs = [lambda: i for i in []]
    return fs


print(empty())
