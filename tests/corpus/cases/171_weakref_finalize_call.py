# Calling a finalize object runs it early; it never runs again.
import weakref


class X:
    pass


def bye():
    print('bye')
    return 42


x = X()
f = weakref.finalize(x, bye)
print(f())
print(f.alive)
print(f())
del x
print('end')
