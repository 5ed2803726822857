# Resurrecting a cycle member from __del__ keeps the whole cycle alive.
import gc

gc.collect()
saved = []


class X:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)
        saved.append(self)


a = X('a')
b = X('b')
a.o = b
b.o = a
del a, b
print(gc.collect())
print([x.name for x in saved])
print(saved[0].o.name)
saved.clear()
print(gc.collect())
