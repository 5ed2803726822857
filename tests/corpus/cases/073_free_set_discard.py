# Removing a member from a set frees it when nothing else refers to it.
class X:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)


a = X('a')
s = {a, X('b')}
s.discard(a)
print('discarded a (still named)')
del a
print('name deleted')
s.clear()
print('end')
