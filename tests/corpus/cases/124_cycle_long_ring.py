# A ring of 100 lists: all of them are collected together.
import gc

gc.collect()
first = []
cur = first
for i in range(99):
    nxt = []
    cur.append(nxt)
    cur = nxt
cur.append(first)
del first, cur, nxt
print(gc.collect())
