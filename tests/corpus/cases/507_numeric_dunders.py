# divmod() calls __divmod__ and __rdivmod__ (not // and %), unary -, + and ~
# call __neg__, __pos__ and __invert__, float() calls __float__ (a float
# required); operands nothing supports are divmod()'s own TypeError.
class M:
    def __divmod__(self, o): return ('dm', o)
    def __rdivmod__(self, o): return ('rdm', o)
    def __floordiv__(self, o): return 'fd'
    def __mod__(self, o): return 'mod'
    def __neg__(self): return 'neg'
    def __abs__(self): return 'abs'
    def __pos__(self): return 'pos'
    def __invert__(self): return 'inv'
    def __int__(self): return 7
    def __float__(self): return 2.5
print(divmod(M(), 2), divmod(2, M()), -M(), abs(M()), +M(), ~M(), int(M()), float(M()))
class N:
    def __divmod__(self, o): return NotImplemented
class R:
    def __rdivmod__(self, o): return ('r', type(o).__name__)
print(divmod(N(), R()))
for a, b in [('a', 1), (1, 'a'), (N(), 1), (1, N()), ([], []), (None, 2.0)]:
    try:
        divmod(a, b)
    except TypeError as e:
        print(e)
class BadF:
    def __float__(self): return 1
for f in (lambda: float(BadF()), lambda: -N(), lambda: ~R(), lambda: +BadF()):
    try:
        f()
    except TypeError as e:
        print(e)
