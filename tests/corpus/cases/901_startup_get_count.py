# Startup state: gc.get_count() before any collection (depends on interpreter start-up).
import gc

print(gc.get_count())
print(gc.get_threshold())
