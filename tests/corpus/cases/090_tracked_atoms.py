# Atomic objects (ints, floats, strings, None, bools) are never tracked.
import gc

print(gc.is_tracked(0), gc.is_tracked(10 ** 40), gc.is_tracked(1.5))
print(gc.is_tracked('text'), gc.is_tracked(None), gc.is_tracked(True))
print(gc.is_tracked([]), gc.is_tracked({}), gc.is_tracked(set()))
