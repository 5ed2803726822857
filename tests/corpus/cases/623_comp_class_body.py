# Comprehensions in class bodies: their lambdas capture the comprehension's
# variable, and names they read skip the class namespace (the enclosing
# function's or the global, as in a method).
y = "global"


class C:
    fs = [lambda: i for i in range(3)]
    vals = [f() for f in fs]


print(C.vals, sorted(k for k in C.__dict__ if not k.startswith("__")))


class D:
    y = "class"
    a = [y for _ in range(1)]
    b = [lambda: y for _ in range(1)]
    c = {y: y for _ in range(1)}
    x = 5
    n = 3
    d = [x for x in range(n)]
    e = x


print(D.a, D.b[0](), D.c, D.d, D.e)


def f():
    y = "func"

    class E:
        y = "class"
        a = [y for _ in range(1)]
        b = [lambda: y for _ in range(1)]
        z = y

        def m(self):
            return y

    return E.a, E.b[0](), E.z, E().m(), y


print(f())


def g():
    i = "func"

    class E:
        i = "class"
        fs = [lambda: i for i in range(2)]
        after = i

    return [h() for h in E.fs], E.after, i


print(g())
