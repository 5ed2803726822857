# Exceptions in __del__ and weakref callbacks are reported and ignored.
# exit: 0
# stderr-has: Exception ignored in: <function Bad.__del__ at 0x?>
# stderr-has: ZeroDivisionError: division by zero
# stdout: still running
import gc
import weakref


class Bad:
    def __del__(self):
        1 / 0


class Target:
    pass


b = Bad()
b.me = b
del b
t = Target()
w = weakref.ref(t, lambda r: [][1])
del t
gc.collect()
print("still running")
