# Untracked objects (ints, strings, atomic dicts) do not change the counts.
import gc

gc.collect()
before = gc.get_count()
n = 10 ** 50
s = 'x' * 1000
f = 2.5 * 2
after = gc.get_count()
print(before, after)
d = {'a': 1}
print(gc.get_count())
