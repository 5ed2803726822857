# gc.freeze() moves every tracked object to the permanent generation.
import gc

gc.collect()
gc.freeze()
print(gc.get_freeze_count() > 0)
print(gc.get_count())
gc.unfreeze()
print(gc.get_freeze_count())
