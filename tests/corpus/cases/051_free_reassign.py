# Rebinding a name frees the old object before the statement finishes.
class X:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)


x = X('first')
print('rebind')
x = X('second')
print('rebind to None')
x = None
print('end')
