# A gigabyte string is refused at once.
# exit: 1
# stderr-ends: MemoryError
s = "a" * 10**9
