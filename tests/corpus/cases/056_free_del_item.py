# del of a list item and a dict item frees the removed element.
class X:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)


lst = [X('l0'), X('l1'), X('l2')]
d = {'a': X('da'), 'b': X('db')}
del lst[1]
print('after del lst[1]')
del d['b']
print('after del d[b]')
lst.pop(0)
print('after pop')
d.pop('a')
print('after dict pop')
print(len(lst), len(d))
lst.clear()
print('end')
