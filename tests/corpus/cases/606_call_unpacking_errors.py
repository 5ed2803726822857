# Errors of * and ** in calls and displays, and keywords built-ins do not take,
# in each version's words.
def f(a): pass
class C:
    def m(self, *a): pass
tests = [
    lambda: print(*f),
    lambda: f(*5),
    lambda: C().m(*5),
    lambda: C(*5),
    lambda: max(*5),
    lambda: len(*5),
    lambda: print(1, k=1.5),
    lambda: print(1, sep=1.5, k=2),
    lambda: max([1], sep=2),
    lambda: max([1], key=None, k=2),
    lambda: str(1, key=2),
    lambda: str(1, 2),
    lambda: str(1, 'utf-8'),
    lambda: str(b=1),
    lambda: f(**5),
    lambda: print(**{1: 2}),
]
for t in tests:
    try:
        t()
    except Exception as e:
        print(type(e).__name__, e)
tests2 = [
    lambda: f(a=1, **{'a': 2}),
    lambda: f(**[('a', 1)]),
    lambda: {**[('a', 1)]},
    lambda: [].append(**5),
    lambda: f(1, *5),
    lambda: [*5],
    lambda: print(*[1, 2], sep=' | '),
    lambda: f(*(1,)),
    lambda: C.m(*5),
]
for t in tests2:
    try:
        print(t())
    except Exception as e:
        print(type(e).__name__, e)
