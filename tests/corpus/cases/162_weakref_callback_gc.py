# A weakref callback runs when the target is freed by the cycle collector.
import gc
import weakref

gc.collect()


class X:
    pass


def cb(ref):
    print('callback')


x = X()
x.me = x
r = weakref.ref(x, cb)
del x
print('before collect')
print(gc.collect())
print(r() is None)
