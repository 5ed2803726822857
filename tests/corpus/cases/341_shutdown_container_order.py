# Globals finalized at exit: a list of objects and a separate object.
class X:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)


first = X('first')
items = [X('item0'), X('item1')]
last = X('last')
print('end of program')
