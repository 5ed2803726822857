# weakref.ref without a callback is shared; with a callback it is new.
import weakref


class X:
    pass


x = X()
a = weakref.ref(x)
b = weakref.ref(x)
print(a is b)
c = weakref.ref(x, lambda r: None)
print(a is c)
print(weakref.getweakrefcount(x))
del a, b
print(weakref.getweakrefcount(x))
