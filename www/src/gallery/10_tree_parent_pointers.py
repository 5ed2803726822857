# A tree with parent pointers
# Every child points at its parent and every parent at its children, so dropping the root frees nothing until the collector runs.
import gc
import weakref


class Node:
    def __init__(self, name, parent=None):
        self.name = name
        self.parent = parent
        self.children = []
        if parent is not None:
            parent.children.append(self)


root = Node('root')
for i in range(3):
    child = Node(f'child{i}', root)
    Node(f'leaf{i}', child)
del child

watch = weakref.ref(root)
del root
print('after del, alive:', watch() is not None)
print('collected', gc.collect())  # the nodes and their children lists
print('alive:', watch() is not None)
