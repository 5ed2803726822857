# __del__ runs as soon as the last name is deleted.
class X:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)


a = X('a')
b = a
print('deleting a')
del a
print('deleting b')
del b
print('end')
