# set.update, list.extend, += and dict.update over an iterator that fails
# midway keep what came before the error; dict.update's elements are taken
# one by one as sequences of two (a string of two characters is one).
def g():
    yield 1
    yield 2
    raise ValueError("stop")
s = {0}
try:
    s.update(g())
except ValueError:
    print(sorted(s))
l = [0]
try:
    l.extend(g())
except ValueError:
    print(l)
l2 = [0]
try:
    l2 += g()
except ValueError:
    print(l2)
d = {}
def pairs():
    yield (1, 2)
    raise ValueError
try:
    d.update(pairs())
except ValueError:
    print(d)
s2 = {0}
try:
    s2 |= set(g())
except ValueError:
    print(s2)
print(dict(["ab", (1, 2), [3, 4]]))
for bad in [[(1, 2), (1, 2, 3)], [(1, 2), 5], ["abc"]]:
    try:
        dict(bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
import gc
gc.collect()
c0 = gc.get_count()[0]
e = dict(["ab", "cd"])
print(gc.get_count()[0] - c0, e)
