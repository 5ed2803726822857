# __del__ of objects in a cycle runs during gc.collect() (PEP 442).
import gc

gc.collect()


class X:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)


a = X('a')
b = X('b')
a.other = b
b.other = a
del a, b
print('collecting')
print(gc.collect())
print('end')
