# Attribute targets, augmented assignment on attributes and subscripts.
class P:
    pass


p = P()
p.x = 1
p.x += 2
p.items = [0, 0]
p.items[1] += 5
d = {'n': 1}
d['n'] *= 10
print(p.x, p.items, d)
print(hasattr(p, 'x'), getattr(p, 'y', None))
del p.x
print(hasattr(p, 'x'))
