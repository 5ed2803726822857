# A tuple holding a dict stays tracked after a collection (a dict may always
# become a container), even while the dict itself is untracked.
import gc

d = {'k': 1}
t1 = (d,)
t2 = ([],)
print(gc.is_tracked(d), gc.is_tracked(t1), gc.is_tracked(t2))
gc.collect()
print(gc.is_tracked(t1), gc.is_tracked(t2))
d['k'] = []
print(gc.is_tracked(d), gc.is_tracked(t1))
