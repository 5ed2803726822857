# Deleting a dict frees keys and values in insertion order.
class X:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)


d = {}
d['k1'] = X('v1')
d['k2'] = X('v2')
d['k3'] = X('v3')
print('deleting dict')
del d
print('end')
