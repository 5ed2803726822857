# Re-enabling the collector with a full young generation collects at the next allocation.
import gc

gc.collect()


class X:
    def __del__(self):
        print('collected X')


gc.disable()
gc.set_threshold(10)
x = X()
x.me = x
del x
keep = [[] for i in range(20)]
print('enabling')
gc.enable()
one_more = [[] for i in range(3)]
print('end')
