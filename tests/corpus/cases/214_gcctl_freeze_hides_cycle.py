# A frozen cycle is ignored by gc.collect() until unfreeze.
import gc

gc.collect()
a = []
a.append(a)
gc.freeze()
del a
print(gc.collect())
gc.unfreeze()
print(gc.collect())
