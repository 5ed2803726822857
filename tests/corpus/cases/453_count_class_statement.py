# What a class statement allocates after a full collection (free lists
# empty): body function, namespace, bases and type() argument tuples, class
# dict, class, __mro__, __dict__/__weakref__ descriptors, the weakref its
# base keeps in its subclasses dict (a dict made at the base's first
# subclass; weakref.ref(cls) shares it), and short-lived bound methods.
import gc
import weakref

counts = []
gc.collect()
counts.append(gc.get_count()[0])


class A:
    pass


counts.append(gc.get_count()[0])


class B(A):
    def f(self):
        return 1


counts.append(gc.get_count()[0])


class C(A):
    pass


counts.append(gc.get_count()[0])
print(counts)
print(weakref.getweakrefcount(A), weakref.getweakrefcount(B))
w = weakref.ref(B)
print(weakref.getweakrefcount(B), w() is B)
del w, C
print(gc.collect())
