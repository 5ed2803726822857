# Methods that take no arguments, exactly one, or no keywords: CPython's
# messages name the receiver's type; 3.12 words a bound method with *args
# apart from one called through its descriptor.
calls = [lambda: [].append(), lambda: [].append(1, 2), lambda: [].clear(1),
         lambda: {}.keys(1), lambda: set().add(x=1), lambda: "a".upper(1),
         lambda: "a".join(), lambda: ().count(), lambda: (1).bit_length(2),
         lambda: frozenset().copy(1), lambda: frozenset().issubset(),
         lambda: [].pop(x=1), lambda: {}.get(1, x=2), lambda: set().union(x=1),
         lambda: set().update([1], x=1), lambda: "a".find("a", x=1),
         lambda: "ab".strip(chars="a"), lambda: set().discard(1, 2)]
for call in calls:
    try:
        call()
        print("no error")
    except TypeError as e:
        print(e)
bound = [("a".upper, (1,), {}), ([].append, (), {}), (set().union, (), {"x": 1}),
         (set().intersection_update, (), {"x": 1}), ("a".count, ("a",), {"x": 1}),
         ({}.pop, (1,), {"x": 1})]
for m, args, kwargs in bound:
    try:
        m(*args, **kwargs)
    except TypeError as e:
        print(e)
