# Objects still named when the program ends are finalized at shutdown.
class X:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)


a = X('a')
b = X('b')
c = X('c')
print('end of program')
