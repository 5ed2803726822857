# 'ab' * 20 is folded into an identifier-like constant: interned, and immortal
# in 3.12 but not in 3.13. A string built from a variable count is a plain object.
import sys

s = 'ab' * 20
print(sys.getrefcount(s))
t = s
d = {'k': s}
print(sys.getrefcount(s))
n = 20
r = 'ab' * n
print(sys.getrefcount(r), r == s, r is s)
joined = '-'.join([r, r])
print(sys.getrefcount(r), len(joined))
del t, d
print(sys.getrefcount(s))
