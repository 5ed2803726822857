# A finalizer that allocates new objects during the collection.
import gc

gc.collect()
log = []


class X:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        log.append([self.n] * 3)


a = X(1)
b = X(2)
a.b = b
b.a = a
del a, b
print(gc.collect())
print(log)
