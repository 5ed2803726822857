# hex(), oct(), bin() and pow() with a modulus (negative exponents take the inverse), with CPython's errors.
print(hex(255), hex(-255), hex(0), oct(8), oct(-9), bin(5), bin(-5), bin(0), hex(True), hex(2 ** 100), bin(-(2 ** 70)))
print(pow(2, 10), pow(2, -1), pow(2.5, 2), pow(-8, 1 / 3) if False else 0, pow(2, 10, 7), pow(3, -1, 7), pow(-3, 5, 7), pow(3, 5, -7), pow(0, 0, 5), pow(5, 0, 1), pow(2, 100, 10 ** 9 + 7), pow(7, 2, None))
for args in [(2.0, 3, 5), (2, 3, 0), (2, -1, 4), ('a', 2), (2, 3, 4.0)]:
    try:
        print(pow(*args))
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
for v in [1.5, 'a', None]:
    try:
        hex(v)
    except TypeError as e:
        print(e)
try:
    bin()
except TypeError as e:
    print(e)
try:
    pow(1)
except TypeError as e:
    print(e)
try:
    pow()
except TypeError as e:
    print(e)
try:
    pow(1, 2, 3, 4)
except TypeError as e:
    print(e)
