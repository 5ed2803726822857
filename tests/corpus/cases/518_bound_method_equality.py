# Bound methods are equal when they bind the same function to the same
# object (method_richcompare), built-in ones alike.
class K:
    def m(self): pass
    def n(self): pass
a, b = K(), K()
print(a.m == a.m, a.m == b.m, a.m == a.n, a.m != a.m, K.m == K.m, a.m in [a.m], [a.m].count(a.m))
l = []
print(l.append == l.append, l.append == [].append, l.append == l.pop, len == len, print == len, 'x'.upper == 'x'.upper)
