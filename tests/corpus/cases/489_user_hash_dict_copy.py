# Copying and merging dicts whose keys have __hash__/__eq__: the stored hashes
# are reused (no __hash__ call); into an empty dict no __eq__ runs either.
class C:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        print("hash", self.v)
        return self.v % 2
    def __eq__(self, other):
        print("eq", self.v, other.v)
        return self.v == other.v
    def __repr__(self):
        return f"C({self.v})"
d = {C(1): 'a', C(2): 'b'}
print("copy"); e = d.copy(); print(e)
print("dict"); f = dict(d); print(f)
print("update"); f.update({C(3): 'c', C(1): 'A'}); print(f)
print("or"); print(d | {C(2): 'B'})
print("set"); print(set(d))
print("ior"); d |= {C(4): 'd'}; print(d)
print("kw"); g = dict(d, x=1); print(len(g))
