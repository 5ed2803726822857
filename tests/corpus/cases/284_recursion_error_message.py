# The message of a caught RecursionError.
import sys

sys.setrecursionlimit(80)


def f():
    return f()


try:
    f()
except RecursionError as e:
    print(type(e).__name__, e)
