# format(), f-strings and str.format call a class's __format__ with the spec
# (a str required back); without one, object.__format__: str() for an empty
# spec, else TypeError.
import sys
class Temp:
    def __init__(self, c): self._c = c
    def get_f(self): return self._c * 9 / 5 + 32
    def __format__(self, spec):
        return format(self._c, spec) + 'C'
    def __str__(self): return f'{self._c}°C'
    def __repr__(self): return f'Temp({self._c!r})'
t = Temp(21.5)
print(t, repr(t), f'{t}', f'{t:.0f}', '{:>8}'.format(t), [t], str([t]), t.get_f(), '%s|%r' % (t, t))
print(format(t, ''), ascii(Temp('é')), Temp('é'))
class NoStr:
    pass
n = NoStr()
print(str(n)[:10], repr(n)[:18], f'{n!s}'[:10], format(n, '')[:10])
try:
    format(n, 'x')
except TypeError as e:
    print(e)
class BadFmt:
    def __format__(self, spec): return 42
class Spec:
    def __format__(self, spec): return '<' + spec + '>'
for f in (lambda: format(BadFmt()), lambda: f'{BadFmt():x}', lambda: format(ValueError('v'), '>3'), lambda: '{:x}'.format(NoStr())):
    try:
        print(f())
    except TypeError as e:
        print(e)
print(f'{Spec():abc}', format(Spec()), f'{Spec()!r:5}'[:5], format(ValueError('v')), f'{KeyError("k")}')
