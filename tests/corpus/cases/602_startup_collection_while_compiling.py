# A longer program: in 3.12 (threshold 700) compiling it crosses the
# threshold, so a collection runs before its first statement.
import gc


def f1(a, b=1, *args, key="k", **kw):
    return [a, b, args, key, kw]


def f2(x):
    return {"x": x, "y": (x, x), "z": [x] * 3}


def f3(n):
    total = 0
    for i in range(n):
        total += i
    return total


class A:
    def __init__(self):
        self.a = 1
        self.b = (1, 2.5)

    def m(self, x=0.5):
        return self.a + x


class B(A):
    def __init__(self):
        super().__init__()
        self.c = {"k": [1, 2, 3]}

    def m(self, x=1.5):
        return super().m(x) * 2


class C:
    def __init__(self, *items):
        self.items = list(items)

    def __repr__(self):
        return f"C({self.items!r})"

    def __eq__(self, other):
        return isinstance(other, C) and self.items == other.items

    def __hash__(self):
        return hash(tuple(self.items))


def g1():
    return lambda q: q + 1


def g2():
    return [lambda i=i: i for i in range(3)]


def g3(d):
    return {k: v for k, v in d.items() if v}


def g4(s):
    return sorted(set(s), key=lambda c: (c.lower(), c))


def g5(*xs, sep=", ", end="."):
    return sep.join(str(x) for x in xs) + end


print(gc.get_count())
print(f1(1), f2(2), f3(3), B().m(), C(1, 2) == C(1, 2))
print(g1()(1), [h() for h in g2()], g3({"a": 0, "b": 1}), g4("bAa"), g5(1, 2))
