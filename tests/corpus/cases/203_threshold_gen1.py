# After threshold0 young collections the generation 1 count reaches its threshold.
import gc

gc.collect()
gc.set_threshold(3, 2, 100)
stats = []
keep = []
for i in range(12):
    keep.append([])
    stats.append(gc.get_count())
print(stats)
