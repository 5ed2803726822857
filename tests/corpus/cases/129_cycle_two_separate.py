# Two independent cycles of different sizes collected at once.
import gc

gc.collect()


class N:
    pass


a = N()
a.self = a
b = []
c = [b]
b.append(c)
del a, b, c
print(gc.collect())
