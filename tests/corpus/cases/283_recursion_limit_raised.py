# Raising the limit allows deeper (Python-only) recursion.
import sys


def count(n):
    if n == 0:
        return 0
    return 1 + count(n - 1)


sys.setrecursionlimit(5000)
print(count(3000))
