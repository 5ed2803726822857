# A suspended generator that refers to itself: during collection its finalizer
# closes it, which breaks the cycle, so gc.collect() does not count it.
import gc

gc.collect()


def gen():
    me = yield
    yield me


g = gen()
next(g)
g.send(g)
del g
print(gc.collect())
