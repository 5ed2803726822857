# repr of a deeply nested list raises RecursionError.
lst = []
for i in range(100000):
    lst = [lst]
try:
    repr(lst)
except RecursionError as e:
    print('RecursionError:', e)
print('ok')
