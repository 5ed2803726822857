# startswith/endswith with a tuple and start/end: the tuple's items are
# checked one by one as they are tried, so a non-str item raises TypeError
# unless an earlier item matched in s[start:end]; an empty window (start
# past end or past the string) still checks every item.
cases = [
    ("abc", (('c', 2), 1)), ("abc", (('x', 2), 10)), ("abc", (('', 2), 3)),
    ("abc", (('', 2), 4)), ("abc", (('', 2), 2, 1)), ("abc", ((), 0)),
    ("abc", (('bc', 'x'), 1, None)), ("abc", (('x', 1.5), 'a')), ("abc", (5, 'a')),
    ("abc", (5,)), ("abc", (None, 0)), ("abc", ([], 0, 1)), ("héllo", (('llo', 'é'), 1, 2)),
    ("abc", (('ab', ['x']), -3, -1)), ("abc", ('', -10, -20)),
]
for s, args in cases:
    for m in ('startswith', 'endswith'):
        try:
            print(m, repr(s), args, getattr(s, m)(*args))
        except TypeError as e:
            print(m, repr(s), args, 'TypeError:', e)
print(str.startswith("abc", ("a", 1)))
"abc".endswith(('x', 2), 1)
