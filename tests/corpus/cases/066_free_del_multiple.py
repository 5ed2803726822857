# del a, b, c deletes left to right.
class X:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)


a = X('a')
b = X('b')
c = X('c')
del c, a, b
print('end')
