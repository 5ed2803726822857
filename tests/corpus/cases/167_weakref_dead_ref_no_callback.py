# If the weakref itself dies first, its callback never runs.
import weakref


class X:
    pass


def cb(ref):
    print('callback')


x = X()
r = weakref.ref(x, cb)
del r
del x
print('no callback above')
