# An exception holds the frame alive until the except block ends.
class X:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)


def fail():
    local = X('local')
    raise ValueError('bad')


try:
    fail()
except ValueError as e:
    print('caught', e)
print('after try')
