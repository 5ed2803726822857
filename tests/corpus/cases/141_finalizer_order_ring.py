# Finalizer order for a ring of three objects with __del__.
import gc

gc.collect()


class X:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)


a = X('a')
b = X('b')
c = X('c')
a.n = b
b.n = c
c.n = a
del a, b, c
print(gc.collect())
