# The *args tuple of a call is tracked while the call runs.
import gc


def f(*args):
    return gc.is_tracked(args), len(args)


print(f())
print(f(1, 2))
print(f([], {}))
