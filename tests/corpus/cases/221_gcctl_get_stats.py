# gc.get_stats(): per-generation counters, compared before and after collections.
import gc

gc.collect()
before = gc.get_stats()
print(len(before), sorted(before[0]))
a = []
a.append(a)
del a
gc.collect(0)
gc.collect()
after = gc.get_stats()
for g in range(3):
    print(g, [after[g][k] - before[g][k] for k in ('collections', 'collected', 'uncollectable')])
