# gc.freeze()
# Frozen objects move to a permanent generation the collector never looks at, so even garbage there stays until gc.unfreeze().
import gc

gc.collect()
cycle = []
cycle.append(cycle)
gc.freeze()
print('frozen:', gc.get_freeze_count() > 0)

del cycle
print('collected', gc.collect())  # the cycle is frozen: not seen
gc.unfreeze()
print('frozen:', gc.get_freeze_count() > 0)
print('collected', gc.collect())
