# A cycle of instances whose __dict__ was read (materialised) before deletion.
import gc

gc.collect()


class N:
    pass


a = N()
b = N()
a.o = b
b.o = a
print(len(a.__dict__), len(b.__dict__))
del a, b
print(gc.collect())
