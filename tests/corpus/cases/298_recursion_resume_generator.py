# Resuming a generator past the recursion limit raises in its frame: the generator is finished.
import sys
def gen():
    while True:
        yield 1
g = gen()
def deep(n):
    try:
        return deep(n + 1)
    except RecursionError:
        return next(g) + n
print(deep(0) > 900)
print(next(g), sys.getrefcount(g))
