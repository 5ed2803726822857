# *args and **kwargs build a tuple and a dict that hold extra references.
import sys

obj = []


def star(*args):
    return sys.getrefcount(obj), len(args)


def kw(**kwargs):
    return sys.getrefcount(obj), sorted(kwargs)


def both(a, *args, key=None, **rest):
    return sys.getrefcount(obj)


print(sys.getrefcount(obj))
print(star(obj, obj, obj))
print(kw(a=obj, b=obj))
print(both(obj, obj, key=obj, z=obj))
lst = [obj, obj]
print(star(*lst))
print(sys.getrefcount(obj))
