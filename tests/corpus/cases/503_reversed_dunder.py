# reversed() calls a class's __reversed__ and returns whatever it returns;
# without __reversed__ (or __getitem__) it is a TypeError, as for a set.
class Seq:
    def __init__(self, items):
        self.items = items
    def __reversed__(self):
        print('reversed called')
        return iter(self.items[::-1])
    def __len__(self):
        return len(self.items)
s = Seq([1, 2, 3])
print(list(reversed(s)))
class R:
    def __reversed__(self):
        return 42
print(reversed(R()))
class N:
    pass
for x in (N(), {1, 2}, 5):
    try:
        reversed(x)
    except TypeError as e:
        print(e)
print(list(reversed((1, 2, 3))), list(reversed('abc')), list(reversed(range(4))))
