# Common str methods.
s = '  Hello, World  '
print(s.strip(), '|', s.lstrip(), '|', s.rstrip())
t = s.strip()
print(t.lower(), t.upper(), t.replace('World', 'GC'))
print(t.split(', '), 'a,b,,c'.split(','))
print('-'.join(['x', 'y', 'z']))
print(t.startswith('Hell'), t.endswith('x'), t.find('o'), t.count('o'))
print('abc'.isalpha(), '123'.isdigit(), 'a b'.split())
print('x'.center(5, '*'), 'x'.ljust(3) + '|', 'x'.rjust(3))
