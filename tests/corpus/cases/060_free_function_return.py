# Returning from a function frees its locals, in the order they were declared.
class X:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)


def f():
    a = X('a')
    b = X('b')
    c = X('c')
    print('returning')
    return b


r = f()
print('returned', r.name)
del r
print('end')
