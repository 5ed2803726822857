# A collection scheduled while print() runs happens inside it: each write
# looks up `write` (a bound method: an allocation) and then takes str() of
# its value, and PyObject_Str runs a pending collection first.
import gc


class X:
    def __del__(self):
        print('collected X')


gc.collect()
gc.set_threshold(4)
x = X()
x.me = x
del x
print('a', 'b', 'c')
print('d')
gc.set_threshold(2000)
x = X()
x.me = x
del x
print('collected', gc.collect())
