# TypeError wording when an object has no item deletion: "doesn't" for an index
# on a type with sequence slots, "does not" otherwise.
for o, k in [(5, 0), (None, 0), (range(3), 0), ((1,), 'a'), ((1,), slice(1)), ('a', 0), (5, slice(1)), (len, 0), (range(3), slice(1))]:
    try:
        del o[k]
    except TypeError as e:
        print(e)
for o, k in [(5, 0), ((1,), 'a'), ((1,), slice(1)), ('a', 0), (5, slice(1)), (range(3), 0), (range(3), slice(1))]:
    try:
        o[k] = 1
    except TypeError as e:
        print(e)
for o, k in [(5, 0), ((1,), 'a'), (5, slice(1)), (None, slice(1)), ({1}, 0), ({1}, slice(1))]:
    try:
        o[k]
    except TypeError as e:
        print(e)
class A:
    pass
for k in [0, 'a', slice(1)]:
    for f in [lambda: A()[k], lambda: A().__class__]:
        pass
    try:
        del A()[k]
    except TypeError as e:
        print(e)
    try:
        A()[k] = 1
    except TypeError as e:
        print(e)
    try:
        A()[k]
    except TypeError as e:
        print(e)
for k in [0, 'a', slice(1)]:
    try:
        del 'abc'[k]
    except TypeError as e:
        print(e)
    try:
        'abc'[k] = 1
    except TypeError as e:
        print(e)
def f():
    pass
for o in [{1}, frozenset(), A, f, 1.5, True]:
    try:
        del o[0]
    except TypeError as e:
        print(e)
    try:
        del o[True]
    except TypeError as e:
        print(e)
