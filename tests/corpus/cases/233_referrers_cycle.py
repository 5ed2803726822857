# Referrers inside a cycle: each dict refers to the other.
import gc

a = {}
b = {'a': a}
a['b'] = b
print([r is b for r in gc.get_referrers(a) if type(r) is dict and 'a' in r])
print(len(gc.get_referents(a)), len(gc.get_referents(b)))
del a['b']
print(len(gc.get_referents(a)))
