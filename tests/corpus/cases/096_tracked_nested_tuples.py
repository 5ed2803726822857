# Collections untrack nested tuples from the inside out.
import gc

n = 1
inner = (n, 2)
outer = (inner, 3)
mixed = (inner, [])
print(gc.is_tracked(inner), gc.is_tracked(outer), gc.is_tracked(mixed))
gc.collect()
print(gc.is_tracked(inner), gc.is_tracked(outer), gc.is_tracked(mixed))
