# getweakrefcount counts the live weak references to an object.
import weakref


class X:
    pass


x = X()
print(weakref.getweakrefcount(x))
refs = [weakref.ref(x, lambda r: None) for i in range(3)]
print(weakref.getweakrefcount(x))
refs.pop()
print(weakref.getweakrefcount(x))
plain = weakref.ref(x)
print(weakref.getweakrefcount(x))
print(weakref.getweakrefcount(3))
