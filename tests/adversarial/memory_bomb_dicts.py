# Ever larger dicts: the same budget counts dict entries.
# exit: 1
# stderr-ends: MemoryError
d = {}
i = 0
while True:
    d[i] = dict(zip(range(1000), range(1000)))
    i += 1
