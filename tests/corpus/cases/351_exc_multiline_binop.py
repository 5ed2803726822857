# A binary operator split across lines: 3.13 anchors the operator on the second line.
a = 1
b = 'two'
print(a, b)
x = (a
     + b)
print(x)
