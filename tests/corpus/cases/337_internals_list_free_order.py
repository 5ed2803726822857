# list.clear(), del of a whole slice and rebinding free elements last to first.
class X:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)


a = [X('a0'), X('a1'), X('a2')]
a.clear()
print('after clear')
b = [X('b0'), X('b1'), X('b2')]
del b[:]
print('after del b[:]')
c = [X('c0'), X('c1')]
c = [X('new')]
print('after rebind')
c.pop()
print('end')
