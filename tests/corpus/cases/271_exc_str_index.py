# Uncaught TypeError from indexing a list with a string.
lst = [1, 2, 3]
key = 'a'
print(lst[0])
print(lst[key])
