# Dicts in a cycle holding extra atomic values and nested tuples.
import gc

gc.collect()
a = {'n': 1, 's': 'str', 't': (1, 2)}
b = {'a': a, 'lst': [1, 2]}
a['b'] = b
del a, b
print(gc.collect())
