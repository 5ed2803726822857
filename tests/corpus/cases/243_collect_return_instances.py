# gc.collect() return value for instance cycles of growing size.
import gc

gc.collect()


class N:
    pass


for size in range(1, 5):
    nodes = [N() for i in range(size)]
    for i in range(size):
        nodes[i].nxt = nodes[(i + 1) % size]
    del nodes, i
    print(size, gc.collect())
