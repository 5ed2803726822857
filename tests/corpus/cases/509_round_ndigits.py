# round() with negative ndigits rounds to a multiple of a power of ten, ties
# to even (ints stay ints, floats break a tie by their fraction, -0.0 kept);
# round(x) of a large float is the exact int, of True the int 1.
for v in (7, 15, 25, 35, -15, -25, 1234, 5, 50, 150, 250, -250, 10**30 + 5 * 10**9, 0, True, False, 99):
    print(v, [round(v, n) for n in (-1, -2, -3, -10, -100, 0, 2)], round(v), type(round(v)).__name__)
for x in (1234.5678, 1250.0, 1350.0, 1250.0001, -1250.0, -4.0, 4.0, 0.5, 1.5, 2.5, -0.5, 1e300, -1e300, 5e-324, 123456789.0, 2.675, 0.125, float('inf'), float('-inf')):
    print(x, [round(x, n) for n in (-1, -2, -3, -5, -400, 0, 1, 2)])
for x in (0.5, 1.5, 2.5, -2.5, 1e300, 1e16 + 1, -7.5):
    print(round(x))
for x in (float('nan'), float('inf'), float('-inf')):
    try:
        round(x)
    except (ValueError, OverflowError) as e:
        print(type(e).__name__, e)
print(round(float('nan'), 2), round(float('nan'), -2))
