# Overwriting a dict value frees the old value immediately.
class X:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)


d = {'k': X('old')}
d['k'] = X('new')
print('after overwrite')
d.update(k=X('newer'))
print('after update')
d.clear()
print('end')
