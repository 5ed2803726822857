# The callback receives the dead weakref, not the object.
import weakref

seen = []


class X:
    pass


def cb(ref):
    seen.append(ref)
    print('callback got a ref, target:', ref())


x = X()
r = weakref.ref(x, cb)
del x
print(seen[0] is r)
