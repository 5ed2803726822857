# __del__ runs before weakref callbacks on refcount death.
import weakref


class X:
    def __del__(self):
        print('__del__')


def cb(ref):
    print('weakref callback')


x = X()
r = weakref.ref(x, cb)
del x
print('end')
