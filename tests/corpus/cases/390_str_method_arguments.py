# str methods with their optional arguments: split/rsplit maxsplit, find/rfind/index/count start and end, partition, removeprefix; unchanged results are the same object.
import sys
s = "a b  c d"
print(s.split(), s.split(None, 1), s.split(" ", 2), s.split(maxsplit=2), s.split(sep=" "), " x  y ".split(None, 1))
print(s.rsplit(), s.rsplit(None, 1), s.rsplit(" ", 2), " x  y ".rsplit(None, 1), "a,b,c".rsplit(",", 1), "".split(), "".split(","), "  ".rsplit())
print(s.partition(" "), s.rpartition(" "), s.partition("z"), s.rpartition("z"))
t = "hello"
p = t.partition("z")
print(p[0] is t, sys.getrefcount(t))
print(t.find("l"), t.rfind("l"), t.find("l", 3), t.find("l", -2), t.find("l", 1, 3), t.rfind("l", 0, 3), t.find("", 5), t.find("", 6), t.rfind(""))
print(t.index("e"), t.rindex("l"), t.count("l"), t.count("l", 3), t.count(""), t.count("", 2), t.count("", 9), t.count("l", 1, 3))
print(t.startswith("ell", 1), t.endswith("ell", 0, 4), t.startswith(("x", "h")), t.startswith("", 9), t.endswith("", 3, 1), t.startswith("", 3, 1))
print(t.removeprefix("he"), t.removesuffix("lo"), t.removeprefix("x") is t, t.strip() is t, t.replace("z", "y") is t, t.ljust(3) is t, t.upper() is t)
print("abc".isascii(), "é".isascii(), (255).bit_count(), (-7).bit_count(), (2**100 + 1).bit_count(), (1.0).is_integer(), (1.5).is_integer(), float("inf").is_integer())
print(sys.getrefcount(t))
try:
    t.rindex("z")
except ValueError as e:
    print(e)
print("é l é".split(), "aXbXc".split("X", -1), "a b".split(None, 0), "a b".rsplit(None, 0), " a b ".split(None, 0), " a b ".rsplit(None, 0))
