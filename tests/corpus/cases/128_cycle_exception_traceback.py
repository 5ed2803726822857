# Saving a caught exception in a local of the frame that raised it creates a cycle.
import gc

gc.collect()


def f():
    try:
        raise ValueError('x')
    except ValueError as e:
        err = e
    return 1


print(f())
print(gc.collect())
