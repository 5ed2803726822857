# DEBUG_SAVEALL and gc.garbage
# With gc.DEBUG_SAVEALL the collector still finds the cycle, but keeps what it found in gc.garbage instead of freeing it, so you can inspect your leaks.
import gc

gc.set_debug(gc.DEBUG_SAVEALL)

a = {'name': 'a'}
b = {'name': 'b'}
a['peer'] = b
b['peer'] = a
del a, b

print('collected', gc.collect())
print('saved:', sorted(d['name'] for d in gc.garbage))
print(gc.garbage[0]['peer']['peer'] is gc.garbage[0])

gc.set_debug(0)
gc.garbage.clear()  # the last references go; the cycle is back to being garbage
print('collected', gc.collect())
