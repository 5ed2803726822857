# A cycle with __del__ still alive at exit: is it finalized at shutdown?
class X:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)


a = X('a')
b = X('b')
a.o = b
b.o = a
del a, b
print('end of program')
