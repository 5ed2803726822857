# __del__ on objects in a cycle
# Since Python 3.4 (PEP 442) the collector first runs every finalizer in the cycle, with all objects still intact, and only then breaks the cycle and frees them.
import gc


class Node:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('__del__', self.name, '- its partner', self.partner.name, 'is still there')


a = Node('a')
b = Node('b')
a.partner = b
b.partner = a

del a, b  # nothing is freed: each node keeps the other alive
print('names deleted')
print('collected', gc.collect())
print('done')
