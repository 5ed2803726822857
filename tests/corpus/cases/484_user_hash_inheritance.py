# Which __hash__ a class has: __eq__ without __hash__ makes it unhashable
# (also under a parent with __hash__); __hash__ = None too; a class that
# only inherits keeps its parent's; __hash__ alone keeps identity equality.
class Base:
    def __hash__(self):
        return 1
    def __eq__(self, other):
        return True
class Child(Base):
    def __eq__(self, other):
        return False
class Plain(Base):
    pass
class NoHash:
    __hash__ = None
class OnlyHash:
    def __hash__(self):
        return 5
print(len({Plain(), Plain()}), {Plain(): 'p'}[1], {1: 'one'}[Plain()])
for cls in (Child, NoHash):
    try:
        {cls(): 1}
    except TypeError as e:
        print(e)
    try:
        hash(cls())
    except TypeError as e:
        print(e)
a, b = OnlyHash(), OnlyHash()
print(len({a, b}), len({a, a}), a in {b}, {a: 1}.get(b), 5 in {a}, a in {5})
print(hash(a), {a: 'x'}[a])
