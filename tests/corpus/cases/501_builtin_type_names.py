# A built-in type's __name__ and __qualname__ are its tp_name after the
# last dot, __module__ the part before it ('builtins' without one); the repr
# shows the whole of it. weakref.finalize is a class of weakref.py.
import weakref, gc, sys
class C:
    class Inner: pass
c = C()
r = weakref.ref(c)
t = type(r)
print(t.__name__, t.__qualname__, t.__module__, repr(t), t, str(t))
print(t is weakref.ref, t is weakref.ReferenceType)
f = weakref.finalize(c, print, 'bye')
ft = type(f)
print(ft.__name__, ft.__qualname__, ft.__module__, ft)
for k in (int, str, type, object, ValueError, KeyError, type(None), type(iter([])), type(len), type(sys)):
    print(k.__name__, k.__qualname__, k.__module__, k)
print(C.__name__, C.__qualname__, C.__module__, C.Inner.__qualname__, C.Inner.__name__, C.Inner.__module__, C.Inner)
class E(Exception): pass
print(E.__module__, E.__qualname__, E.__name__)
try:
    weakref.ref.nope
except AttributeError as e:
    print(e)
for op in (lambda: r + 1, lambda: f + 1):
    try:
        op()
    except TypeError as e:
        print(e)
print(type(t), type(t).__name__)
del c
