# Referrers of an object held by a list and by the module namespace.
import gc

target = [0]
box = [target]
refs = gc.get_referrers(target)
print(len(refs), any(r is box for r in refs))
del box, refs
print(len(gc.get_referrers(target)))
