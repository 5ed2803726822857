# A pending weakref.finalize runs at interpreter exit (atexit is True).
import weakref


class X:
    pass


def bye(msg):
    print('finalize', msg)


x = X()
f = weakref.finalize(x, bye, 'at exit')
print(f.atexit)
print('end of program')
