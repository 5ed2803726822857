# Threshold 0 disables automatic collection.
import gc

gc.collect()


class X:
    def __del__(self):
        print('del X')


gc.set_threshold(0)
x = X()
x.me = x
del x
keep = [[] for i in range(3000)]
print('no automatic collection')
print(gc.collect())
