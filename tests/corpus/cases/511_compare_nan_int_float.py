# Comparisons: NaN is unordered (every <, <=, >, >= False, and not == to
# itself, though containers find it by identity); ints and floats compare
# exactly (2**53 + 1 > 2.0**53); sequences compare their first differing
# items with the operator itself, a class's __lt__ included.
nan, inf = float('nan'), float('inf')
vals = [nan, inf, -inf, 0.0, -0.0, 1.0, 1, 2 ** 53, 2 ** 53 + 1, 2.0 ** 53, 10 ** 400, -10 ** 400, 1e308, 0.5, True]
for a in vals:
    row = []
    for b in vals:
        row.append(''.join('1' if r else '0' for r in (a < b, a <= b, a > b, a >= b, a == b, a != b)))
    print(' '.join(row))
print(sorted([3, nan, 1, 2]), min([nan, 1]), max([1, nan]), min(nan, 5), 2 ** 53 + 1 == 2.0 ** 53, 2 ** 53 + 1 > 2.0 ** 53)
print([1, nan] < [1, 2], [nan] == [nan], (1, 2) < (1, 2.5), [[1, 2]] < [[1, 3]], (1, 'a') < (1, 'b'), [1] < [1, 0])
class V:
    def __init__(self, v): self.v = v
    def __lt__(self, o): return self.v < o.v
    def __gt__(self, o): return self.v > o.v
print([V(1)] < [V(2)], (V(3),) > (V(2),), [0, V(5)] < [0, V(6)])
try:
    [1, 'a'] < [1, 2]
except TypeError as e:
    print(e)
print({1.0: 'a'}[1], {2 ** 53: 'x'}.get(2.0 ** 53), {2 ** 53 + 1: 'y'}.get(2.0 ** 53), 10 ** 400 > inf, 10 ** 400 < 1e308)
nan = float('nan')
l = [nan, 1]
print(nan in l, l.count(nan), l.index(nan), l == l, [nan] == [nan], (nan,) == (nan,), {nan: 1}.get(nan), nan in {nan}, nan == nan, nan != nan, nan is nan)
x = nan
print(x == x, x != x, [x] == [float('nan')], l.count(float('nan')))
