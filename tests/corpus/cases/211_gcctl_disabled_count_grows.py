# With the collector disabled, the young count grows past the threshold.
import gc

gc.collect()
gc.disable()
gc.set_threshold(10)
keep = [[] for i in range(25)]
print(gc.get_count()[0] >= 25)
gc.enable()
print(gc.isenabled())
more = []
print(gc.get_count()[0] < 25)
