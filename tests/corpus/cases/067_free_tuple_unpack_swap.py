# Swapping and unpacking create and drop temporary tuples, not objects.
class X:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)


a, b = X('a'), X('b')
a, b = b, a
print(a.name, b.name)
a, b = b, None
print('after unpack')
a = None
print('end')
