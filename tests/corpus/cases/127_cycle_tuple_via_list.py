# A tuple in a cycle through a list: the tuple is collected too.
import gc

gc.collect()
lst = [0]
t = (lst,)
lst[0] = t
del lst, t
print(gc.collect())
