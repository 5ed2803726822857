# An int of a hundred million digits is refused at once.
# exit: 1
# stderr-ends: MemoryError
x = 10 ** 10 ** 8
