# Finalizers of a chain of objects run in the order the chain is freed.
import weakref


class Node:
    def __init__(self, nxt):
        self.nxt = nxt


def bye(name):
    print('finalize', name)


c = Node(None)
b = Node(c)
a = Node(b)
weakref.finalize(a, bye, 'a')
weakref.finalize(b, bye, 'b')
weakref.finalize(c, bye, 'c')
del b, c
print('dropping a')
del a
print('end')
