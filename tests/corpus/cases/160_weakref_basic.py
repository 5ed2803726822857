# A weak reference does not keep its target alive.
import sys
import weakref


class X:
    pass


x = X()
r = weakref.ref(x)
print(r() is x)
print(sys.getrefcount(x))
print(weakref.getweakrefcount(x))
del x
print(r() is None)
