# A tree with parent pointers is all cycles; deleting the root needs the collector.
import gc

gc.collect()


class Tree:
    def __init__(self, parent=None):
        self.parent = parent
        self.children = []
        if parent is not None:
            parent.children.append(self)


root = Tree()
for i in range(3):
    child = Tree(root)
    Tree(child)
del root, child
print(gc.collect())
