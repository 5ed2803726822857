# Two dicts that reference each other: 2 objects collected.
import gc

gc.collect()
x = {}
y = {'x': x}
x['y'] = y
del x
print(gc.collect())
del y
print(gc.collect())
