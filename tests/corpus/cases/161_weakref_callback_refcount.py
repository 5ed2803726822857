# A weakref callback runs when the target is freed by refcounting.
import weakref


class X:
    pass


def cb(ref):
    print('callback, target gone:', ref() is None)


x = X()
r = weakref.ref(x, cb)
print('deleting')
del x
print('end')
