# Two parameters with one name.
def f(a, b, a):
    return a
