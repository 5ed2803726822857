# gc.callbacks show automatic collections of generation 0.
import gc

gc.collect()
seen = []


def cb(phase, info):
    if phase == 'stop':
        seen.append(info['generation'])


gc.set_threshold(10)
gc.callbacks.append(cb)
keep = [[] for i in range(35)]
gc.callbacks.remove(cb)
print(len(seen) > 0, sorted(set(seen)))
