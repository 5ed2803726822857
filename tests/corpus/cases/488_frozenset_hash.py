# frozensets are hashable (CPython's frozenset_hash: independent of order), so
# they are dict keys and set members; a set's in, remove and discard take a
# set argument as the frozenset of its members.
print(hash(frozenset()), hash(frozenset([1, 2, 3])), hash(frozenset(['a'])) == hash(frozenset('a')))
print(hash(frozenset([frozenset([1]), (1, 2), None, 2.5])))
d = {frozenset([1, 2]): 'x', frozenset(): 'e'}
print(d[frozenset([2, 1])], d[frozenset()], frozenset({1, 2}) in d, {frozenset([3]), frozenset([3])})
s = {frozenset([1]), frozenset([1, 2])}
print(len(s), frozenset([2, 1]) in s, hash((frozenset([5]), 1)))
t = {frozenset([1, 2]), 3}
print({1, 2} in t, {9} in t, set() in t)
t.discard({2, 1})
print(t)
t.remove({3, 4})
