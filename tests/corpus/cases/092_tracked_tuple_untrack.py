# A tuple of atoms is tracked when built, and untracked by a collection.
import gc

n = 5
t = (n, 'a', None)
print(gc.is_tracked(t))
gc.collect()
print(gc.is_tracked(t))
u = (n, [])
gc.collect()
print(gc.is_tracked(u))
