# detach() cancels a finalizer and returns its object and arguments.
import weakref


class X:
    pass


def bye(a, b):
    print('bye', a, b)


x = X()
f = weakref.finalize(x, bye, 1, b=2)
obj, func, args, kwargs = f.detach()
print(obj is x, func is bye, args, kwargs)
print(f.alive)
del x, obj
print('end')
