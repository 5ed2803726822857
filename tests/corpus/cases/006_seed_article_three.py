# Seed example variant: a 3-cycle of dicts plus an unrelated 1-cycle.
import gc

a = {}
b = {}
c = {}
a['next'] = b
b['next'] = c
c['next'] = a
d = {}
d['self'] = d
del a, b, c
print(gc.collect())
del d
print(gc.collect())
