# The built-in types' constructors: how many arguments and which keywords they take, in each version's words.
for f, args in [(float, (1, 2)), (str, (1, 2, 3, 4)), (tuple, (1, 2)), (list, (1, 2)), (set, (1, 2)), (frozenset, (1, 2)), (bool, (1, 2)), (dict, (1, 2)), (int, (1, 2, 3)), (range, (1, 2, 3, 4)), (object, (1,)), (range, ()), (type, (1, 2))]:
    try:
        f(*args)
    except TypeError as e:
        print(f.__name__, e)
for f in [float, tuple, list, bool, int, set]:
    try:
        f(x=1)
    except TypeError as e:
        print(f.__name__, e)
