# Deleting or rebinding an attribute frees the old value.
class X:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)


class Holder:
    pass


h = Holder()
h.a = X('a')
h.b = X('b')
del h.a
print('after del h.a')
h.b = X('b2')
print('after rebind h.b')
del h
print('end')
