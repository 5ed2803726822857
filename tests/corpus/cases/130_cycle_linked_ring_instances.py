# A doubly linked ring of instances.
import gc

gc.collect()


class Link:
    def __init__(self, v):
        self.v = v
        self.prev = self
        self.next = self


head = Link(0)
for i in range(1, 5):
    node = Link(i)
    node.prev = head.prev
    node.next = head
    head.prev.next = node
    head.prev = node
print([head.next.v, head.prev.v, head.next.next.v])
del head, node
print(gc.collect())
