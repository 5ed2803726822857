# A set can be part of a cycle through an instance it contains.
import gc

gc.collect()


class Holder:
    pass


h = Holder()
s = {h}
h.s = s
del h, s
print(gc.collect())
