# An int past 4300 decimal digits cannot become text: str, repr, f-strings, format and %d all refuse.
x = 10 ** 4299
print(len(str(x)), len(repr(-x)), len(f"{x}"), len(format(x, ",")))
y = 10 ** 4300
for f in [lambda: str(y), lambda: repr(y), lambda: f"{y}", lambda: format(y, "d"), lambda: "%d" % y, lambda: print([y]), lambda: hex(y)[:5], lambda: format(y, "x")[:3]]:
    try:
        print(f())
    except ValueError as e:
        print(e)
