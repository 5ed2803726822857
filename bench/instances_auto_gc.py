# Trees of instances with parent pointers (every child refers to its parent:
# cycles), built and dropped with automatic collection on.
import gc
import time

N = 200  # trees (the bench harness sets a smaller N for its smoke run)
DEPTH = 9  # 1023 nodes a tree


class Node:
    def __init__(self, parent):
        self.parent = parent
        self.children = []
        if parent is not None:
            parent.children.append(self)


def build(depth, parent):
    node = Node(parent)
    if depth > 0:
        build(depth - 1, node)
        build(depth - 1, node)
    return node


t0 = time.perf_counter()
for i in range(N):
    root = build(DEPTH, None)
    del root
t1 = time.perf_counter()
collections = sum(s["collections"] for s in gc.get_stats())
print("collections:", collections)
print("ms:", (t1 - t0) * 1000)
