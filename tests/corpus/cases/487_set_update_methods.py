# set's in-place methods: update, intersection_update, difference_update
# (several arguments, any iterable) and symmetric_difference_update; the
# operator forms change the set itself; a dict gives its keys.
import gc
s = {1, 2, 3, 4, 5}
s.intersection_update([2, 3, 4], (3, 4, 9))
print(s)
s.difference_update([4], {99})
print(s)
s.symmetric_difference_update([3, 7, 8])
print(s)
s.update(range(10, 13), {'x': 1})
print(sorted(s, key=str))
s.discard('x')
print(s.intersection(range(10)), s.difference(), s.union([1], (2,), {3}))
print(set(range(20)).difference({1, 2}), set(range(20)) - {1, 2})
t = s
s ^= {2, 11}
s &= {1, 7, 12, 8}
s |= {3}
s -= {3}
print(t is s, s)
s.difference_update(s)
print(s)
d = {'k': 1, 'j': 2}
print(sorted(set(d)), sorted({'k', 'z'}.intersection(d)), sorted({'k', 'z'}.difference(d)))
try:
    s.intersection_update([[]])
except TypeError as e:
    print(e)
w = set(range(8))
w.difference_update(range(6))
print(w)
w.update(range(100, 110))
print(sorted(w))
try:
    w.symmetric_difference_update(1, 2)
except TypeError as e:
    print(e)
