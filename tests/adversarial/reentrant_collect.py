# gc.collect() from inside a finalizer returns 0: the collector does not re-enter.
# exit: 0
# stdout: inner 0
# stdout: outer 1
import gc


class C:
    def __del__(self):
        print("inner", gc.collect())


c = C()
c.me = c
del c
print("outer", gc.collect())
