# Exception instances are tracked objects.
import gc


class E(Exception):
    pass


e = E('x')
print(gc.is_tracked(e))
print(gc.is_tracked(ValueError('v')))
print(gc.is_tracked(e.args))
gc.collect()
print(gc.is_tracked(e.args))
