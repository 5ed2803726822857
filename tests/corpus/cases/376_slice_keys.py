# Slices are hashable (3.12+): dict keys, set members, and the slices a dict or a class's __getitem__/__setitem__/__delitem__ receives.
class S:
    def __getitem__(self, k):
        print('get', k)
        return 1
    def __setitem__(self, k, v):
        print('set', k, v)
    def __delitem__(self, k):
        print('del', k)
s = S()
s[1:2]
s[1:2:3]
s[::]
s[1:2] = 5
del s[1:2]
s[1:2, 3]
d = {}
d[1:2] = 'a'
d[slice(1.0, 2)] = 'b'
print(d, d[1:2])
del d[1:2]
print(d)
print(hash(slice(1, 2)), hash(slice(None)), {slice(1, 2), slice(1, 2)})
try:
    hash(slice([], 1))
except TypeError as e:
    print(e)
try:
    d[[]:1]
except TypeError as e:
    print(e)
try:
    del d[1:2]
except KeyError as e:
    print('KeyError', e)
print(slice(1, 2) == slice(1, 2), slice(1, 2) == (1, 2, None), slice(1, 2) < slice(1, 3))
t = (1, 2, 3)
try:
    t[1:2] = 5
except TypeError as e:
    print(e)
try:
    del t[1:2]
except TypeError as e:
    print(e)
try:
    'abc'[1:2] = 'x'
except TypeError as e:
    print(e)
try:
    x = 5
    x[1:2]
except TypeError as e:
    print(e)
d[1:2]
