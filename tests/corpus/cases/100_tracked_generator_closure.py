# Generators, closures and bound methods are tracked objects.
import gc


def gen():
    yield 1


def outer():
    x = 1

    def inner():
        return x

    return inner


class C:
    def m(self):
        return 0


print(gc.is_tracked(gen()))
print(gc.is_tracked(outer()))
print(gc.is_tracked(C().m))
print(gc.is_tracked(lambda: 0))
