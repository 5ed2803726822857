# Instances whose class defines __hash__ and __eq__ are dict keys by value:
# the hash comes from __hash__, and __eq__ runs only against keys of the same hash.
class P:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __hash__(self):
        print("hash", self)
        return hash((self.x, self.y))
    def __eq__(self, other):
        print("eq", self, other)
        return isinstance(other, P) and (self.x, self.y) == (other.x, other.y)
    def __repr__(self):
        return f"P({self.x}, {self.y})"

d = {P(1, 2): 'a', P(3, 4): 'b'}
print(d[P(1, 2)])
d[P(3, 4)] = 'B'            # replaces the value, keeps the first key object
print(d, len(d))
print(P(5, 6) in d, d.get(P(3, 4)), d.get(P(0, 0), '-'))
print(d.setdefault(P(1, 2), 'x'), d.setdefault(P(7, 8), 'y'))
print(d.pop(P(7, 8)), d)
del d[P(1, 2)]
print(d)
k = P(3, 4)
print(d[k], {k: 1}[k])       # {k: 1}[k] finds the same object without __eq__
try:
    d[P(9, 9)]
except KeyError as e:
    print("KeyError", e)
print({P(1, 2): 1} == {P(1, 2): 1}, {(P(1, 2), 'z'): 0}.get((P(1, 2), 'z')))
print({P(i, i): i for i in range(3)}[P(2, 2)])
