# Passing an object as an argument adds references while the call runs.
import sys


def one(arg):
    return sys.getrefcount(arg)


def two(a, b):
    return sys.getrefcount(a)


def nested(arg):
    return one(arg)


obj = []
print(sys.getrefcount(obj))
print(one(obj))
print(two(obj, obj))
print(nested(obj))
print(sys.getrefcount(obj))
