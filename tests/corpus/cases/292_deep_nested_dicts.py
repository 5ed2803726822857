# A 100,000-deep chain of nested dicts, then a cycle through it collected.
import gc

gc.collect()
top = {}
d = top
for i in range(100000):
    d['child'] = {}
    d = d['child']
d['top'] = top
del top, d
print(gc.collect())
