# Objects hanging off a cycle with __del__ are finalized after the cycle is cleared.
import gc

gc.collect()


class X:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)


a = X('cyc')
a.me = a
a.child = X('child')
a.child.grand = X('grand')
del a
print(gc.collect())
