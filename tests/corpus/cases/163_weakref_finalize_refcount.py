# weakref.finalize runs its function once, when the object dies.
import weakref


class X:
    pass


def bye(name):
    print('finalize', name)


x = X()
f = weakref.finalize(x, bye, 'x')
print(f.alive)
del x
print(f.alive)
print('end')
