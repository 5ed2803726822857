# Nested comprehensions, dict and set comprehensions and generator
# expressions whose lambdas capture their variables.
import sys


def nested():
    rows = [[lambda: (i, j) for j in range(2)] for i in range(3)]
    return [[f() for f in row] for row in rows]


print(nested())


def inner_uses_outer():
    rows = [[lambda: i for _ in range(2)] for i in range(3)]
    print([[f() for f in row] for row in rows])
    print(rows[0][0].__closure__[0] is rows[0][1].__closure__[0])
    print(rows[0][0].__closure__[0] is rows[1][0].__closure__[0])


inner_uses_outer()


def dict_and_set():
    d = {k: (lambda: k) for k in "ab"}
    s = {(lambda: m) for m in range(2)}
    return {k: v() for k, v in d.items()}, sorted(f() for f in s)


print(dict_and_set())


def two_targets():
    fs = [lambda: (a, b) for a, b in [(1, 2), (3, 4)]]
    return [f() for f in fs]


print(two_targets())


def generator():
    return [f() for f in (lambda: i for i in range(3))]


print(generator())
gs = list(lambda: q for q in range(3))
print([g() for g in gs], sys.getrefcount(gs[0].__closure__[0]))
hs = list([lambda: p for p in range(2)] for _ in range(2))
print([[h() for h in r] for r in hs])
