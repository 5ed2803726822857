# Uncaught ValueError from int() of a non-number string.
s = '12'
print(int(s))
print(int(' 7 '))
print(int('twelve'))
