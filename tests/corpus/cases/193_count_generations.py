# collect(0) and collect(1) move survivors up and bump older generation counts.
import gc

gc.collect()
keep = [[] for i in range(5)]
print(gc.get_count())
gc.collect(0)
print(gc.get_count())
gc.collect(0)
print(gc.get_count())
gc.collect(1)
print(gc.get_count())
gc.collect()
print(gc.get_count())
