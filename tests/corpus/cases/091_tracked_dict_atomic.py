# A dict holding only atomic values is untracked until a container is inserted.
import gc

d = {}
print(gc.is_tracked(d))
d['a'] = 1
d['b'] = 'two'
print(gc.is_tracked(d))
d['c'] = []
print(gc.is_tracked(d))
del d['c']
print(gc.is_tracked(d))
e = {'x': (1, 2)}
print(gc.is_tracked(e))
f = {'y': ([],)}
print(gc.is_tracked(f))
