# Only the resurrected member survives with its references; the rest follow it.
import gc

gc.collect()
saved = []


class X:
    def __init__(self, name, keep):
        self.name = name
        self.keep = keep

    def __del__(self):
        print('del', self.name)
        if self.keep:
            saved.append(self)


a = X('a', False)
b = X('b', True)
a.o = b
b.o = a
del a, b
print(gc.collect())
print(saved[0].name, saved[0].o.name)
saved.clear()
print(gc.collect())
