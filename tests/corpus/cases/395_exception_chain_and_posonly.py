# Exception chaining attributes, and positional-only parameters passed by keyword.
try:
    raise ValueError("x") from KeyError("y")
except ValueError as e:
    print(repr(e.__cause__), e.__suppress_context__)
try:
    try:
        1/0
    except ZeroDivisionError:
        raise TypeError("t")
except TypeError as e:
    print(repr(e.__context__))
def f(a, b, /, c, **kw):
    return a, b, c, kw
print(f(1, 2, 3, a=4))
def g(a, b, /, c):
    pass
for call in [lambda: g(1, 2, c=3, a=1), lambda: g(a=1, b=2, c=3), lambda: g(1, b=2, c=3)]:
    try:
        call()
    except TypeError as e:
        print(e)
raise RuntimeError("outer") from ValueError("inner")
