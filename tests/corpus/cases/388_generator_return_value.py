# A generator's return value travels in StopIteration.value (a reference of its own), for next(), send() and subclasses.
import sys, gc
def g():
    yield 1
    return [7]
it = g()
next(it)
try:
    next(it)
except StopIteration as e:
    print(repr(e), e.args, e.value, sys.getrefcount(e.value))
    v = e.value
print(sys.getrefcount(v))
try:
    next(it)
except StopIteration as e:
    print(repr(e), e.value)
def h():
    x = yield 1
    return x * 2
it = h()
next(it)
try:
    it.send(21)
except StopIteration as e:
    print("send", e.value)
print(next(g(), "d"), list(g()), [x for x in g()])
it = g(); next(it)
print(next(it, "default"))
v = []
e = StopIteration(v, 2)
print(sys.getrefcount(v), e.value is v, e.args)
print(StopIteration().value, gc.is_tracked(e))
class MyStop(StopIteration):
    pass
print(MyStop(3).value)
def k():
    return 5
    yield
it = k()
try:
    it.throw(ValueError)
except ValueError as e:
    print("thrown", repr(e))
it = k()
try:
    next(it)
except StopIteration as e:
    print(e.value)
class S2(StopIteration):
    def __init__(self, x):
        self.x = x
s = S2(4)
print(s.value, s.args)
class S3(StopIteration):
    def __init__(self, x):
        super().__init__(x, 1)
s = S3(9)
print(s.value, s.args)
w = []
s = S3(w)
print(sys.getrefcount(w))
