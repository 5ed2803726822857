# A class's __getattribute__ sees every attribute load (methods too, as bound methods); __getattr__ after its AttributeError.
import sys


class Logged:
    def __init__(self):
        self.x = 1

    def __getattribute__(self, name):
        print('get', name)
        return object.__getattribute__(self, name)

    def method(self):
        return 'm'


a = Logged()
print(a.x)
print(a.method())
print(getattr(a, 'x'))
print(hasattr(a, 'nope'))
print(getattr(a, 'nope', 'default'))
m = a.method
print(sys.getrefcount(a))
del m


class Fallback:
    def __getattribute__(self, name):
        if name == 'magic':
            raise AttributeError(name)
        return super().__getattribute__(name)

    def __getattr__(self, name):
        return 'fallback ' + name


f = Fallback()
f.y = 2
print(f.y, f.magic, f.other)


class Counter:
    count = 0

    def __getattribute__(self, name):
        type(self).count += 1
        return object.__getattribute__(self, name)


c = Counter()
c.v = 5
for i in range(3):
    c.v
print(Counter.count)


class Only:
    def __getattr__(self, name):
        return name * 2

    def meth(self):
        return sys.getrefcount(self)


o = Only()
print(o.ab, o.meth())


class Broken:
    def __getattribute__(self, name):
        raise KeyError(name)


b = Broken()
try:
    b.x
except KeyError as e:
    print('KeyError', e)
print(type(b).__name__)
print(object.__getattribute__(a, 'x'))
try:
    object.__getattribute__(a, 5)
except TypeError as e:
    print(e)
try:
    object.__getattribute__(a, 'zz')
except AttributeError as e:
    print(e)


class Late:
    pass


late = Late()
late.q = 1
Late.__getattribute__ = lambda self, name: 'late ' + name
print(late.q)
b.anything
