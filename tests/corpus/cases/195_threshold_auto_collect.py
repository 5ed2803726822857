# A small threshold makes the collector run by itself while we allocate.
import gc


class X:
    def __del__(self):
        print('auto-collected X during allocation', i)


gc.collect()
x = X()
x.me = x
del x
gc.set_threshold(10)
print('allocating')
junk = []
for i in range(30):
    junk.append([i])
print('done allocating')
