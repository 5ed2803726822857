# gc.get_referrers finds the tracked containers that hold an object.
import gc

x = []
holder1 = [x]
holder2 = {'x': x}
refs = gc.get_referrers(x)
print(len(refs))
print(any(r is holder1 for r in refs), any(r is holder2 for r in refs))
print(sorted(type(r).__name__ for r in refs))
