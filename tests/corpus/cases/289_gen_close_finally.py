# Closing a paused generator throws GeneratorExit in: its finally blocks run,
# when close() is called and when the generator is freed; one paused outside
# any try is just cleared. A failing finally is reported and ignored.
import gc, sys


def lines():
    try:
        yield 'a'
        yield 'b'
    finally:
        print('lines: cleanup')


def plain():
    yield 1
    yield 2


def stubborn():
    while True:
        try:
            yield 1
        except GeneratorExit:
            print('stubborn: ignoring GeneratorExit')


def noisy():
    try:
        yield 1
    finally:
        1 / 0


# counts are kept and printed at the end: printing allocates too
counts = []
gc.collect()
it = lines()
first = next(it)
del it
counts.append(gc.get_count())
it = lines()
next(it)
it.close()
counts.append(gc.get_count())
rest = list(it)
for v in lines():
    break
counts.append(gc.get_count())
p = plain()
next(p)
del p
counts.append(gc.get_count())
s = stubborn()
next(s)
try:
    s.close()
except RuntimeError as e:
    counts.append(str(e))
n = noisy()
next(n)
del n
counts.append(gc.get_count())
print(first, rest, v)
print(counts)


def counter():
    n = 0
    try:
        while True:
            yield n
            n += 1
    finally:
        print('counter done at', n)


c = counter()
print(next(c), next(c))
try:
    c.throw(ValueError('stop'))
except ValueError as e:
    print('thrown back:', e, sys.getrefcount(e))
print(list(c))
node = [None]
g = counter()
node[0] = g
next(g)
del g, node
print('collected', gc.collect())
