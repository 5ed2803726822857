# A generator paused inside its own `except` keeps that exception (gi_exc_state):
# the caller does not see it, the generator sees it again when resumed, and it
# is the context of what is thrown in there.
import sys
import gc


def handler():
    try:
        raise ValueError("inside")
    except ValueError:
        yield sys.exc_info()[0].__name__
        yield sys.exc_info()[1]
        yield "done"


it = handler()
print(next(it))
print(sys.exc_info())
try:
    raise KeyError("outer")
except KeyError:
    err = next(it)
    print(repr(err), sys.getrefcount(err))
    print(sys.exc_info()[0].__name__)
del err


def reraiser():
    yield 1
    raise


g = reraiser()
next(g)
try:
    raise TypeError("from the caller")
except TypeError:
    try:
        next(g)
    except TypeError as e:
        print("bare raise in a generator re-raises the caller's:", e)


def catcher():
    try:
        raise ValueError("held")
    except ValueError:
        try:
            yield 1
        except RuntimeError as e:
            print("thrown in, context:", repr(e.__context__))
            yield 2


c = catcher()
next(c)
print(c.throw(RuntimeError("thrown")))
del c


class Node:
    pass


def cyclic(node):
    try:
        raise ValueError("cycle")
    except ValueError as e:
        node.exc = e
        yield 1


n = Node()
n.gen = cyclic(n)
next(n.gen)
del n
print(gc.collect())
