# Freezing twice: the second freeze adds exactly the newly allocated objects.
import gc

gc.collect()
gc.freeze()
first = gc.get_freeze_count()
new = [[] for i in range(10)]
gc.freeze()
print(gc.get_freeze_count() - first)
gc.unfreeze()
print(gc.get_freeze_count())
