# A paused generator keeps the frame object a traceback made for it, after
# the traceback is gone; it goes when the generator's frame ends.
import gc


def gen():
    try:
        yield 1
    except ValueError:
        yield 2
    yield 3


counts = []
gc.collect()
g = gen()
counts.append(gc.get_count()[0])
next(g)
counts.append(gc.get_count()[0])
print(g.throw(ValueError))
counts.append(gc.get_count()[0])
next(g)
counts.append(gc.get_count()[0])
rest = list(g)
counts.append(gc.get_count()[0])
del g
counts.append(gc.get_count()[0])
print(rest, counts)
