# Weakref callbacks in a collected cycle run before finalizers.
import gc
import weakref

gc.collect()


class X:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('__del__', self.name)


def cb(ref):
    print('callback')


a = X('a')
b = X('b')
a.b = b
b.a = a
r = weakref.ref(a, cb)
del a, b
print(gc.collect())
