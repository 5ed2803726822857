# and/or return operands; not, is, in, chained comparisons.
print(0 or 'x', 'a' and 'b', None or [] or 'last', 1 and 0)
print(not [], not 1, [] is not None)
print(2 in [1, 2], 'bc' in 'abcd', 'k' in {'k': 1}, 3 not in (1, 2))
x = 5
print(1 < x <= 5, 1 < x < 5, x == 5 != 6)
print('yes' if x > 3 else 'no', -x, +x, ~x)
