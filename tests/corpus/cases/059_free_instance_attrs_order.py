# Freeing an instance frees its attribute values in the order they were set.
class X:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)


class Holder:
    def __init__(self):
        self.first = X('first')
        self.second = X('second')
        self.third = X('third')

    def __del__(self):
        print('del holder')


h = Holder()
del h
print('end')
