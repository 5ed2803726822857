# Caret lines: anchors under operators, brackets and calls; none where CPython draws none.
class Box:
    def __init__(self, items):
        self.items = items

    def get(self, i):
        return self.items[i]


def pick(box, i):
    return box.get(i)


def total(values):
    result = values[0] + values[1] * (values[2])
    return result


def chain(d):
    return d['a']['b']  # nested lookups


b = Box([1, 2])
try:
    pick(b, 5)
except IndexError as e:
    print('caught', e)
try:
    total([1, 2, None])
except TypeError as e:
    print('caught', e)
try:
    chain({'a': {}})
except KeyError as e:
    print('caught', e)
print(total([1, 'x', 3]))
