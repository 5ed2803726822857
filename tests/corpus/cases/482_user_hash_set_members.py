# Sets of instances with __hash__ and __eq__: one member per equal group,
# iteration in the table order CPython's probes give; set algebra compares
# members of the same hash with __eq__ (which side's __eq__ runs shows).
class T:
    def __init__(self, name, h):
        self.name, self.h = name, h
    def __hash__(self):
        return self.h
    def __eq__(self, other):
        print(f"  {self.name} == {other.name}")
        return self.name[0] == other.name[0]
    def __repr__(self):
        return self.name

a1, a2, b1, c1 = T("a1", 1), T("a2", 1), T("b1", 1), T("c1", 9)
s = {a1, a2, b1, c1}
print(s, len(s))
print(a2 in s, T("b2", 1) in s, T("b3", 2) in s)
t = {T("b9", 1), T("d1", 4)}
print("or");  print(s | t)
print("and"); print(s & t)
print("sub"); print(s - t)
print("xor"); print(s ^ t)
print("eq");  print(s == {a2, b1, c1}, {T("x", 3)} <= {T("x2", 3), c1})
s.remove(T("a3", 1))
print(s)
s.update([T("e1", 17), T("a4", 1)])
print(s)
print(sorted(x.name for x in {T(str(i), i % 4) for i in range(10)}))
