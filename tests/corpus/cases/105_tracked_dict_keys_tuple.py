# Keys count too: a tuple key (or a tuple value) makes a dict tracked.
import gc

d = {}
d[1] = 'v'
print(gc.is_tracked(d))
d[(1, 2)] = 'w'
print(gc.is_tracked(d))
d2 = {}
d2['k'] = (2, 3)
print(gc.is_tracked(d2))
d3 = {'k': 'a', 2: 2.5}
print(gc.is_tracked(d3))
