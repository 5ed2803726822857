# Float floor division, modulo and divmod as CPython's _float_div_mod: the
# remainder by fmod with the divisor's sign, the quotient snapped to an
# integral value (1.0 // 0.1 is 9.0); each version's ZeroDivisionError text.
vals = [1.0, 0.1, -0.1, 7.5, -7.5, 2.0, 3, -3, 1e300, 1e-300, 0.3, 5e-324, float('inf'), -0.0]
for a in vals:
    for b in vals:
        if b == 0:
            continue
        try:
            print(a, b, a // b, a % b, divmod(a, b))
        except Exception as e:
            print(a, b, type(e).__name__, e)
for a, b in [(1.0, 0.0), (1, 0.0), (1.0, 0), (0.0, 0.0)]:
    for op in ('/', '//', '%', 'divmod'):
        try:
            if op == '/': a / b
            elif op == '//': a // b
            elif op == '%': a % b
            else: divmod(a, b)
        except ZeroDivisionError as e:
            print(op, type(a).__name__, type(b).__name__, e)
for a, b in [(1, 0)]:
    for f in (lambda: a / b, lambda: a // b, lambda: a % b, lambda: divmod(a, b), lambda: 0 ** -1, lambda: 0.0 ** -1, lambda: pow(0, -1)):
        try:
            f()
        except ZeroDivisionError as e:
            print(e)
x = 5
x %= 0.0
