# gc.collect() works and returns counts while the collector is disabled.
import gc

gc.disable()
gc.collect()
x = {}
x['x'] = x
y = [x]
y.append(y)
del x, y
print(gc.isenabled(), gc.collect())
gc.enable()
