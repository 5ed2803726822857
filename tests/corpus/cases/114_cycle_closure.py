# A function that refers to itself through a closure cell forms a cycle.
import gc

gc.collect()


def make():
    def rec(n):
        return 0 if n == 0 else rec(n - 1) + 1
    return rec


f = make()
print(f(5))
del f
print(gc.collect())
