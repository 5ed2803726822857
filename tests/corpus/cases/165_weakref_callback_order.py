# Several weakrefs with callbacks on one object: newest first.
import weakref


class X:
    pass


def make_cb(name):
    def cb(ref):
        print('callback', name)
    return cb


x = X()
r1 = weakref.ref(x, make_cb('r1'))
r2 = weakref.ref(x, make_cb('r2'))
r3 = weakref.ref(x, make_cb('r3'))
print(weakref.getweakrefcount(x))
del x
print('end')
