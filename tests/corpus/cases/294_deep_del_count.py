# Freeing a long chain with __del__ on every node, counted.
count = [0]


class Node:
    def __init__(self, nxt):
        self.nxt = nxt

    def __del__(self):
        count[0] += 1


head = None
for i in range(10000):
    head = Node(head)
del head
print(count[0])
