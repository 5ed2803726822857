# The keys of the info dict passed to gc.callbacks.
import gc

gc.collect()
got = []


def cb(phase, info):
    got.append((phase, sorted(info)))


gc.callbacks.append(cb)
gc.collect(1)
gc.callbacks.remove(cb)
for phase, keys in got:
    print(phase, keys)
