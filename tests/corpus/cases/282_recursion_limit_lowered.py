# A lowered recursion limit stops recursion earlier.
import sys


def depth(n):
    try:
        return depth(n + 1)
    except RecursionError:
        return n


sys.setrecursionlimit(100)
print(depth(0))
sys.setrecursionlimit(200)
print(depth(0))
