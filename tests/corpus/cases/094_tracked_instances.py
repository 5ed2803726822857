# Instances of user classes are tracked; so are the classes and functions.
import gc


class C:
    pass


def f():
    return 0


c = C()
print(gc.is_tracked(c))
print(gc.is_tracked(C))
print(gc.is_tracked(f))
print(gc.is_tracked(c.__dict__))
gc.collect()
print(gc.is_tracked(c))
