# Copying an untracked dict gives an untracked dict; updating can track it.
import gc

d = {'a': 1}
c = dict(d)
print(gc.is_tracked(d), gc.is_tracked(c))
c.update({'b': [2]})
print(gc.is_tracked(c))
c.pop('b')
print(gc.is_tracked(c))
gc.collect()
print(gc.is_tracked(c))
