# A tuple met again inside its own repr (through a list or dict) shows as
# "(...)", as Py_ReprEnter guards tuples too.
t = ([],)
t[0].append(t)
print(t, repr(t[0]))
d = {}
u = (1, d)
d['u'] = u
print(u, d, str(u))
a = []
a.append((a, (a,)))
print(a)
print((), ((),), [()], ([], []))
