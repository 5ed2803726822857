# gc.callbacks are called with 'start' and 'stop' and an info dict.
import gc

gc.collect()


def cb(phase, info):
    print(phase, info['generation'], info['collected'], info['uncollectable'])


gc.callbacks.append(cb)
a = []
a.append(a)
del a
print(gc.collect())
print(gc.collect(0))
gc.callbacks.remove(cb)
print(gc.collect())
