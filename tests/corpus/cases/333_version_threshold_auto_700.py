# Default thresholds: a cycle with __del__ gets auto-collected after enough allocations.
import gc

gc.collect()


class X:
    def __del__(self):
        print('auto collected after', len(keep), 'lists')


keep = []
x = X()
x.me = x
del x
for i in range(2500):
    keep.append([])
print('end', len(keep))
