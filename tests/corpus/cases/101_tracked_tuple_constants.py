# Constant tuples from the source and tuples made by tuple() from atoms.
import gc

a = (1, 2, 3)
b = tuple([1, 2, 3])
c = tuple(range(3))
print(gc.is_tracked(a), gc.is_tracked(b), gc.is_tracked(c))
gc.collect()
print(gc.is_tracked(a), gc.is_tracked(b), gc.is_tracked(c))
