# gc.get_stats() counts the collections start-up already ran: the program's
# own are added to them.
import gc
print(gc.get_stats())
a = []
a.append(a)
del a
print(gc.collect())
print(gc.get_stats())
gc.collect(0)
gc.collect(1)
print([s["collections"] for s in gc.get_stats()])
