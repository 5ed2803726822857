# Where a scheduled collection runs: from a call site's second run, len(x),
# isinstance(x, t), type(x) and a dropped list.append(x) are specialized and
# skip the eval-breaker check, so it waits for the backward jump ('b'), not
# str(x) ('a'). A call site's first run still checks.
import gc

log = []
marker = ['-']


def cb(phase, info):
    if phase == 'start':
        log.append(marker[0])


def run(kind):
    del log[:]
    gc.collect()
    gc.set_threshold(1)
    keep = []
    for i in range(6):
        marker[0] = 'a'
        keep.append([])
        keep.append([])
        if kind == 0:
            n = len(keep)
        elif kind == 1:
            n = isinstance(keep, list)
        elif kind == 2:
            n = type(keep)
        elif kind == 3:
            n = str(keep)
        marker[0] = 'b'
    gc.set_threshold(2000)
    return ''.join(log)


gc.callbacks.append(cb)
print([run(k) for k in range(4)])
gc.callbacks.remove(cb)
