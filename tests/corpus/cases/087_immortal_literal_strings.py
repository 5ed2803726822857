# An identifier-like string literal is interned: immortal in 3.12, an ordinary
# (refcounted) interned string in 3.13. Joined strings are new objects.
import sys

s = 'hello'
print(sys.getrefcount(s))
t = 'hel' + 'lo'
print(s is t)
u = ''.join(['hel', 'lo'])
print(s is u, s == u)
print(sys.getrefcount(u))
