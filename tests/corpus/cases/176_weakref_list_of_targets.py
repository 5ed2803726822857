# Callbacks fire for each element as a list of targets is freed.
import weakref


class X:
    def __init__(self, n):
        self.n = n


def cb(ref):
    print('dead')


xs = [X(i) for i in range(3)]
refs = [weakref.ref(x, cb) for x in xs]
print(sum(1 for r in refs if r() is not None))
del xs
print(sum(1 for r in refs if r() is not None))
