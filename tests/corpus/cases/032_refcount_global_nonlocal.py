# Rebinding a global or nonlocal name moves references between objects.
import sys

g = []
old = g


def set_global():
    global g
    g = {}


def counter():
    n = []

    def bump():
        nonlocal n
        n = n + [1]
        return len(n)

    return bump


print(sys.getrefcount(old))
set_global()
print(sys.getrefcount(old), type(g).__name__)
b = counter()
print(b(), b(), b())
