# DEBUG_SAVEALL with instances that have __del__: the finalizers still run,
# then the objects are saved in gc.garbage instead of being freed.
import gc

gc.collect()


class N:
    def __del__(self):
        print('del N')


gc.set_debug(gc.DEBUG_SAVEALL)
a = N()
b = N()
a.o = b
b.o = a
del a, b
print(gc.collect())
print(sorted(type(o).__name__ for o in gc.garbage))
gc.set_debug(0)
print('clearing garbage')
gc.garbage.clear()
print(gc.collect())
