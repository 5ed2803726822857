# Deleting a tuple frees its elements from last to first.
class X:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)


t = (X('a'), X('b'), X('c'))
print('deleting tuple')
del t
print('end')
