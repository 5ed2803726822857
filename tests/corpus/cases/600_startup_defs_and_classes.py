# Start-up count: compiling a program with functions, classes and constants
# moves gc.get_count() before the first statement runs.
import gc


class Node:
    """A tree node."""
    kind = "node"

    def __init__(self, value, parent=None):
        self.value = value
        self.parent = parent
        self.children = []

    def add(self, value):
        child = Node(value, self)
        self.children.append(child)
        return child


def walk(node, depth=0, *, seen=None):
    yield depth, node.value
    for c in node.children:
        for item in walk(c, depth + 1):
            yield item


print(gc.get_count())
root = Node(1)
root.add(2).add(3)
print([d for d, v in walk(root)], gc.get_count())
squares = {n: n * n for n in range(5) if n % 2}
print(squares, gc.get_count())
