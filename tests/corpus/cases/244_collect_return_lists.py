# gc.collect() return value for list cycles of growing size.
import gc

gc.collect()
for size in range(1, 5):
    lists = [[] for i in range(size)]
    for i in range(size):
        lists[i].append(lists[(i + 1) % size])
    del lists, i
    print(size, gc.collect())
