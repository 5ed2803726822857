# int() and float() from text (bases, prefixes, underscores, Unicode digits, the 4300-digit limit), int/int true division rounded once, float powers and their errors.
for args in [("ff", 16), ("0b101", 0), (" 7 ",), ("0x1F", 16), ("0x1f", 0), ("0o17", 0), ("010", 0), ("000", 0), ("0_0", 0), ("1_000",), ("1__0",), ("_1",), ("1_",), ("0x_1f", 16), ("0x_1f", 0), ("z", 36), ("12", 1), ("12", 37), ("12", -1), ("-0b11", 0), ("+ 5",), ("", ), ("٣",), ("0b", 0), ("0x", 16), ("9", 8), ("1e3",), ("\t\n12\x0c",), ("12", 2.5)]:
    try:
        print(args, int(*args))
    except (ValueError, TypeError) as e:
        print(args, type(e).__name__, e)
try:
    int(5, 10)
except TypeError as e:
    print(e)
print(len(str(int("1" * 4300))))
try:
    int("1" * 4301)
except ValueError as e:
    print(e)
print(int("1" * 5000, 16) > 0)
for a, b in [(0.0, -1), (0, -1), (0, -1.5), (2.0, 10000), (10, 400.0), (1e308, 2), (-2.0, 3), (float("inf"), -1), (float("nan"), 0), (1.0, float("nan")), (-1.0, float("inf")), (2, -1), (-2, -2), (2**1100, -1), (2.0, -10000), (-0.0, -1)]:
    try:
        print(a, b, a ** b)
    except Exception as e:
        print(a, b, type(e).__name__, e)
try:
    print(pow(2.0, 5000))
except Exception as e:
    print(type(e).__name__, e)
try:
    print(float(10**400))
except Exception as e:
    print(type(e).__name__, e)
tests = [(10**400, 10**399), (1, 3), (2**1100, 3), (-(10**30) - 1, 7), (1, 10**400), (10**400, 1), (2**53 + 1, 1), (2**54 + 3, 2), (10**308 * 3, 1), (7, -2**1080), (0, -5), (3**500, 2**700), (1, 2**1074), (1, 2**1075), (3, 2**1075), (123456789 * 10**300, 10**300 + 7)]
for a, b in tests:
    try:
        print(a / b)
    except Exception as e:
        print(type(e).__name__, e)
for k in range(1, 200):
    a = 7**k + 3**(k // 2)
    b = 5**(k // 3 + 1) + 11
    print(repr(a / b), end=" ")
print()
for a in ["1_0", "inf", " nan ", "-Infinity", "1e500", "0x1p3", "1__0", "_1", "1.", ".5", "5e", "1e-400", "٣.٥", "", "+1.5E+2", "infinity", "1_000.000_1", "nan(1)", "1,5"]:
    try:
        print(repr(a), float(a))
    except ValueError as e:
        print(repr(a), e)
