# With threshold 5, the young count never exceeds the threshold for long.
import gc

gc.collect()
gc.set_threshold(5)
keep = []
for i in range(12):
    keep.append([])
    print(i, gc.get_count()[0])
