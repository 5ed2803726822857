# int, float and big-int arithmetic and their printed forms.
print(7 // 2, -7 // 2, 7 % 3, -7 % 3, 2 ** 10)
print(7 / 2, 1 / 3, 2.5 * 4, 0.1 + 0.2)
print(10 ** 25, -(10 ** 25) // 7, (10 ** 25) % 97)
print(int(3.9), int(-3.9), float(3), int('  12 '), float('1e3'))
print(abs(-5), abs(-2.5), 1e16, 1e-5)
print(3 == 3.0, 1 < 2 < 3, 3 > 2 > 2, -0.0)
print((17 // 5, 17 % 5), -2 ** 2, (-2) ** 2, 2 ** -1)
