# print with sep and end.
print('a', 'b', 'c', sep='-')
print('no newline', end='')
print(' continued')
print(1, 2, sep='')
print('x', end='|\n')
print()
print(*[1, 2, 3], sep=', ', end='.\n')
