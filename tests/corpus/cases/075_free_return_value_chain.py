# Objects passed through several calls are freed when the last frame lets go.
class X:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)


def inner(x):
    print('inner has', x.name)


def outer():
    inner(X('arg'))
    print('outer continues')
    return None


outer()
print('end')
