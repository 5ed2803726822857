# A cycle that goes list -> dict -> tuple -> list.
import gc

gc.collect()
lst = []
d = {'l': lst}
t = (d, 1)
lst.append(t)
del lst, d, t
print(gc.collect())
