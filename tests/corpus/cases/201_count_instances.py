# Creating instances counts as allocations of tracked objects.
import gc

gc.collect()


class P:
    def __init__(self, v):
        self.v = v


print(gc.get_count())
ps = [P(i) for i in range(5)]
print(gc.get_count())
del ps
print(gc.get_count())
