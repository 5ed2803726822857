# __hash__ must return an int (an int too large for a hash is reduced as
# hash() reduces it, -1 becomes -2); an exception in __hash__ or __eq__
# leaves the dict or set operation with the traceback through the method.
class H:
    def __init__(self, h):
        self.h = h
    def __hash__(self):
        return self.h
print(hash(H(-1)), hash(H(2**62)), hash(H(2**63)), hash(H(-2**64 - 5)), hash(H(True)))
try:
    {H("x"): 1}
except TypeError as e:
    print(e)
try:
    H(1.5) in {1}
except TypeError as e:
    print(e)
class K:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        if self.v < 0:
            raise ValueError("negative")
        return self.v % 3
    def __eq__(self, other):
        if other.v == 99:
            raise RuntimeError("no 99")
        return self.v == other.v
d = {K(1): 'one', K(4): 'four'}
try:
    d[K(-1)]
except ValueError as e:
    print("from __hash__:", e)
print(d.get(K(4)), d.get(K(7), 'absent'))
s = {K(0), K(3)}
s.add(K(99))
