# Sets are always tracked, whatever they hold.
import gc

s = {1, 2, 3}
print(gc.is_tracked(s))
print(gc.is_tracked(set()))
gc.collect()
print(gc.is_tracked(s))
