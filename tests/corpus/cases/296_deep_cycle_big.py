# A ring of 10,000 instances collected at once.
import gc

gc.collect()


class Node:
    pass


first = Node()
cur = first
for i in range(9999):
    n = Node()
    cur.nxt = n
    cur = n
cur.nxt = first
del first, cur, n
print(gc.collect())
