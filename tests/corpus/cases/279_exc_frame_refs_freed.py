# Locals of a frame that raised are freed when the handler finishes.
class X:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)


def deep():
    a = X('deep local')
    return 1 / 0


def mid():
    b = X('mid local')
    return deep()


try:
    mid()
except ZeroDivisionError:
    print('handled')
print('after')
