# gc.collect() counts for instance cycles with and without materialised dicts.
import gc

gc.collect()


class N:
    pass


a = N()
a.me = a
del a
print(gc.collect())
b = N()
b.me = b
b.__dict__
del b
print(gc.collect())
