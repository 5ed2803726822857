# Deleting the last closure frees the captured object.
class X:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)


def make():
    obj = X('captured')
    return lambda: obj.name


f = make()
print(f())
g = f
del f
print('one name left')
del g
print('end')
