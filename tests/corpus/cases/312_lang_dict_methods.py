# dict methods: keys, values, items, get, pop, setdefault, update.
d = {'b': 2, 'a': 1}
d['c'] = 3
print(list(d.keys()), list(d.values()), list(d.items()))
print(d.get('z'), d.get('z', 0), d.pop('b'), d)
print(d.setdefault('a', 9), d.setdefault('q', 7), d)
d.update({'a': 10}, z=26)
print(d, len(d), 'a' in d, 10 in d)
del d['q']
print(d, d.popitem(), d)
