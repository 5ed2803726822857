# weakref.finalize on an object in a cycle runs during collection.
import gc
import weakref

gc.collect()


class X:
    pass


def bye(msg):
    print('finalize', msg)


a = X()
b = X()
a.b = b
b.a = a
weakref.finalize(a, bye, 'a')
weakref.finalize(b, bye, 'b')
del a, b
print(gc.collect())
print('end')
