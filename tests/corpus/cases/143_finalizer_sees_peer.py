# A finalizer in a cycle can still read its peers' attributes.
import gc

gc.collect()


class X:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name, 'peer', self.peer.name)


a = X('a')
b = X('b')
a.peer = b
b.peer = a
del a, b
print(gc.collect())
