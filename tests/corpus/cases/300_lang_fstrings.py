# f-strings with !r, !s and simple format specs.
name = 'gc'
n = 42
x = 3.14159
print(f'{name!r} {name!s} {name}')
print(f'[{n:>5}] [{n:<5}] [{n:^5}] [{n:05}]')
print(f'{x:.2f} {x:8.3f} {n:x} {n:b}')
print(f'{[1, 2]!r} {None} {True}')
print(f"{'nested'} {n + 1} {n * 2:>6}")
print(f'{{braces}} {n}')
