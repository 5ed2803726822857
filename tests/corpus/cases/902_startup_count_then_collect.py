# Startup state: counts before and after the first collection, and what it found.
import gc

print(gc.get_count())
a = [[] for i in range(10)]
print(gc.get_count())
print(gc.collect())
print(gc.get_count())
