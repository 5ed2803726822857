# Two list items with no comma between them.
xs = [1, 2 3, 4]
print(xs)
