# Defaults, keyword arguments, *args and **kwargs.
def f(a, b=2, *args, c=3, **kw):
    return (a, b, args, c, sorted(kw.items()))


print(f(1))
print(f(1, 5, 6, 7))
print(f(1, c=9, z=0))
print(f(*[1, 2, 3], **{'c': 4, 'd': 5}))


def g(x, y):
    return x - y


print(g(y=1, x=10))
