# A million lists of a thousand items: the model's memory budget raises MemoryError.
# exit: 1
# stderr-ends: MemoryError
x = []
while True:
    x.append([0] * 1000)
