# The default thresholds (they differ between 3.12 and 3.13).
import gc

print(gc.get_threshold())
gc.set_threshold(100, 5, 5)
print(gc.get_threshold())
gc.set_threshold(50)
print(gc.get_threshold())
