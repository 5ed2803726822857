# A cascade: freeing the head frees the whole linked chain, outermost first.
class Node:
    def __init__(self, name, nxt):
        self.name = name
        self.nxt = nxt

    def __del__(self):
        print('del', self.name)


head = Node('c', None)
head = Node('b', head)
head = Node('a', head)
print('drop head')
head = None
print('end')
