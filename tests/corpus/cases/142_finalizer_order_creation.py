# Finalizers in one cycle run in the collector's list order (creation order here).
import gc

gc.collect()


class X:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)


nodes = [X(str(i)) for i in range(5)]
for i in range(5):
    nodes[i].peer = nodes[(i + 1) % 5]
del nodes
print(gc.collect())
