# Deleting a suspended generator frees the objects in its frame.
class X:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)


def gen():
    held = X('held')
    yield 1
    yield 2


g = gen()
print(next(g))
print('deleting generator')
del g
print('end')
