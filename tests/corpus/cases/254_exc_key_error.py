# Uncaught KeyError from a missing dict key.
d = {'a': 1}
print(d['a'])
print(d.get('missing'))
print(d['missing'])
