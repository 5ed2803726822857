# A traceback's tb_next, tb_frame and tb_lineno: the chain from the frame
# that caught the exception to the one that raised it; the frames it holds
# keep their locals alive until the traceback goes.
import sys, gc
class X:
    def __del__(self):
        print('X freed')
def inner():
    x = X()
    raise KeyError('k')
def outer():
    inner()
try:
    outer()
except KeyError as err:
    tb = err.__traceback__
lines = []
t = tb
while t is not None:
    lines.append((t.tb_lineno, type(t.tb_frame).__name__))
    t = t.tb_next
print(lines, tb.tb_next.tb_next.tb_next)
print(sys.getrefcount(tb), gc.is_tracked(tb))
print("handled")
del tb
print('tb gone')
def f():
    try:
        raise ValueError('x')
    except ValueError as e:
        return e
e = f()
print(sys.getrefcount(e), e.__traceback__.tb_lineno, e.__traceback__.tb_next)
