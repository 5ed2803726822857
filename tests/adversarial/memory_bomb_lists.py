# A million lists of a thousand items: the model's memory budget raises MemoryError,
# at the multiplication that made the list past the bound.
# exit: 1
# stderr-ends: MemoryError
# stderr-has:     x.append([0] * 1000)
# stderr-has:              ~~~~^~~~~~
x = []
while True:
    x.append([0] * 1000)
