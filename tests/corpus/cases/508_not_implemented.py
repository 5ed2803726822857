# NotImplemented returned by comparison and arithmetic dunders: the other
# operand's method is tried, then identity for ==, else TypeError.
import sys
class V:
    def __init__(self, v): self.v = v
    def __eq__(self, o):
        if not isinstance(o, V):
            return NotImplemented
        return self.v == o.v
    def __lt__(self, o):
        if not isinstance(o, V):
            return NotImplemented
        return self.v < o.v
    def __add__(self, o):
        if isinstance(o, int):
            return V(self.v + o)
        return NotImplemented
    def __radd__(self, o):
        return NotImplemented
    __hash__ = None
print(V(1) == V(1), V(1) == 1, 1 == V(1), V(1) != 'a', V(1) < V(2), V(2) > V(1), (V(1) + 2).v)
print(NotImplemented, repr(NotImplemented), type(NotImplemented).__name__, sys.getrefcount(NotImplemented) > 1000)
for f in (lambda: V(1) < 1, lambda: 1 < V(1), lambda: V(1) + 'a', lambda: 'a' + V(1), lambda: V(1) <= V(2)):
    try:
        print(f())
    except TypeError as e:
        print(e)
print(sorted([V(3), V(1), V(2)])[0].v, V(1) in [V(0), V(1)], [V(1)].count(V(1)), max(V(1), V(5)).v)
