# Automatic collections triggered by a tiny threshold free cycles as we go.
import gc

gc.collect()
gc.set_threshold(20)
refs = []
for i in range(10):
    a = []
    a.append(a)
    refs.append(len(a))
del a
alive = [[] for i in range(50)]
print(gc.collect())
print(sum(refs))
