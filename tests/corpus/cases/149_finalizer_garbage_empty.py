# Since PEP 442 cycles with __del__ are not left in gc.garbage.
import gc

gc.collect()


class X:
    def __del__(self):
        pass


x = X()
x.me = x
del x
print(gc.collect())
print(gc.garbage)
