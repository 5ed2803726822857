# 100,000-deep nesting: built, freed and repr'd without a native stack overflow.
# exit: 0
# stdout: freed
# stdout: RecursionError
x = []
for i in range(100000):
    x = [x]
y = x
try:
    repr(y)
except RecursionError:
    caught = True
del x, y
print("freed")
print("RecursionError" if caught else "no error")
