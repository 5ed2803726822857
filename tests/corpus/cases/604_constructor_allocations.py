# list(...) and dict(...) allocate through the type (PyType_GenericAlloc),
# never from the free lists that [] and {} use; freeing refills those lists.
import gc

print(gc.get_count())
a = list((1, 2))
b = list()
print(gc.get_count())
c = dict(x=1)
d = dict()
print(gc.get_count())
del a, b, c, d
print(gc.get_count())
e = [1, 2]
f = {}
print(gc.get_count())
g = list(range(3))
h = dict([(1, 2)])
print(gc.get_count(), g, h)


class Box:
    def __init__(self, *items):
        self.items = list(items)


boxes = [Box(i, i) for i in range(4)]
print(gc.get_count())
