# Freeing tracked objects lowers the young generation count.
import gc

gc.collect()
lists = [[] for i in range(20)]
print(gc.get_count())
del lists
print(gc.get_count())
