# Set operators with dict keys and items views on either side: a new set, in CPython's order.
d = {"b": 2, "a": 1, "c": 3}
e = {"a": 0, "z": 9}
print(d.keys() - {"a"}, d.keys() | {"x"}, d.keys() & {"a", "c", "q"}, d.keys() ^ {"a", "q"})
print(d.keys() - e.keys(), d.keys() & e.keys(), e.keys() & d.keys(), d.keys() | e.keys(), d.keys() ^ e.keys())
print({"a", "q"} - d.keys(), ["a", "b", "b"] & d.keys(), ("q", "a") | d.keys(), ["a", "a", "z"] ^ d.keys())
print(d.items() - {("a", 1)}, d.items() & {("b", 2), ("c", 4)}, sorted(d.items() | e.items()))
print(d.keys() & [], d.keys() - [], type(d.keys() - []).__name__)
k = d.keys()
k -= {"a"}
print(k, d)
try:
    d.keys() - 1
except TypeError as x:
    print(x)
try:
    d.keys() | [[1]]
except TypeError as x:
    print(x)
try:
    d.values() - {1}
except TypeError as x:
    print(x)
import sys
v = "longer-string-value"
s = {v}
print(sys.getrefcount(v))
r = {v: 1}.keys() & s
print(sys.getrefcount(v), r)
