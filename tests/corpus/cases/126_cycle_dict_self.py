# A dict that contains itself as a value.
import gc

gc.collect()
d = {}
d['me'] = d
print(d)
del d
print(gc.collect())
