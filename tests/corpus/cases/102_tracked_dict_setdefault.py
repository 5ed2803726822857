# setdefault and update with containers make a dict tracked.
import gc

d = {'a': 'x'}
print(gc.is_tracked(d))
d.setdefault('b', 2)
print(gc.is_tracked(d))
d.setdefault('c', [])
print(gc.is_tracked(d))
e = {}
e.update(a=1)
print(gc.is_tracked(e))
e.update(b={})
print(gc.is_tracked(e))
