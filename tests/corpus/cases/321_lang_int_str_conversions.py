# Conversions between int, float, str and bool.
print(int('-42'), int('0'), float('-0.5'), str(-0.5), str(10 ** 20))
print(bool(''), bool('0'), bool(0.0), bool(None), bool({}))
print(repr(1.0), repr(1e20), repr(1e-7), repr(123456789.0), repr(0.1))
print(float('inf'), -float('inf'), 1e308 * 10)
print(str(True), int(False), float(True), 3 * True)
print(repr(2 ** 64), int('ff' and '255'))
