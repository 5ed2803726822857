# A 100,000-long linked list of instances is freed by refcounting.
class Node:
    def __init__(self, nxt):
        self.nxt = nxt


head = None
for i in range(100000):
    head = Node(head)
count = 0
cur = head
while cur is not None:
    count += 1
    cur = cur.nxt
print(count)
del head
print('freed')
