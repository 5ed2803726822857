# A materialised instance __dict__ holding only atomic values is not tracked;
# the instance itself always is.
import gc


class C:
    pass


c = C()
c.a = 1
d = c.__dict__
print(gc.is_tracked(d))
print(gc.is_tracked(c))
gc.collect()
print(gc.is_tracked(d))
