# dict.clear() on a 3.13 instance's __dict__ (whose values the instance
# holds): found by fuzzing, it dropped each value a second time, so an
# instance referring to itself was freed while its name still held it.
# exit: 0
# stdout: del C
# stdout: P 2 {}
# stdout: 3 True
# stdout: 2 {}
# stdout: 5 True
# stdout: 0
import gc
import sys


class C:
    def __del__(self):
        print("del", self.__class__.__name__)


class P:
    pass


d = P()
d.a = d
d.b = C()
d.__dict__.clear()
print(type(d).__name__, sys.getrefcount(d), d.__dict__)
d.a = d
d.c = [1]
print(sys.getrefcount(d), d.__dict__ == {"a": d, "c": [1]})
d.__dict__.clear()
print(sys.getrefcount(d), d.__dict__)
d.x = 5
print(d.x, gc.is_tracked(d))
del d
print(gc.collect())
