# Storing a bound method on its own instance makes a cycle.
import gc

gc.collect()


class C:
    def m(self):
        return 1


c = C()
c.cb = c.m
del c
print(gc.collect())
