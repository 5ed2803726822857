# A key equal to an int with the same hash: the int's __eq__ says
# NotImplemented, so the instance's reflected __eq__ decides.
class N:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        return hash(self.v)
    def __eq__(self, other):
        print("eq", self.v, other)
        if isinstance(other, N):
            other = other.v
        return self.v == other
    def __repr__(self):
        return f"N({self.v})"

d = {1: 'int one', 'a': 'str'}
print(d[N(1)])
d[N(1)] = 'replaced'
print(d)
e = {N(2): 'n2'}
print(e[2], 2.0 in e, 3 in e)
e[2] = 'two'
print(e)
s = {1, 2, 3}
print(N(2) in s, N(4) in s)
s.add(N(3))
s.discard(N(1))
print(sorted(s, key=repr))
print({N(5), 5, 5.0, N(5)})
print(hash(N(-1)), hash(N(2**64)))
