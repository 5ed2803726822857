# Each exception of a chain gets its own suggestion
items = [1, 2, 3]
try:
    items.lenght
except AttributeError:
    print(lenn(items))
