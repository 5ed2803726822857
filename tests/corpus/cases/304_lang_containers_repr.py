# repr of nested containers.
print([1, 'a', None, (2,), {'k': [3]}])
print((), (1,), (1, 2), [], {}, set())
print({1: 'one', 'two': 2})
print({3, 1, 2})
print([[[]]], [(), ((),)])
print(str([1.0, 2.5]), repr('x'), str('x'))
print(list(range(3)), tuple('ab'), dict([(1, 2)]))
