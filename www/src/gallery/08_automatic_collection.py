# Thresholds and an automatic collection
# Every new container object adds one to generation 0's count; when it passes the first threshold, the collector runs by itself and frees the cycle nobody collected.
import gc


def report(phase, info):
    print(phase, 'generation', info['generation'], 'collected', info['collected'])


print('thresholds', gc.get_threshold())
gc.collect()
print('count', gc.get_count())

cycle = []
cycle.append(cycle)
del cycle  # garbage, waiting for a collection

gc.callbacks.append(report)
keep = []
start = gc.get_count()[0]
while gc.get_count()[0] >= start:  # the count falls back when a collection runs
    keep.append([])
gc.callbacks.remove(report)
print('lists allocated', len(keep))
print('count', gc.get_count())
