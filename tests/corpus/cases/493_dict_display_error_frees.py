# A dict display that fails (an unhashable key, an exception in a value):
# the inputs on the stack are dropped last to first, after the half-built dict.
class A:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print("del", self.n)
try:
    d = {A('k1'): A('v1'), A('k2'): A('v2'), []: A('v3'), A('k4'): A('v4')}
except TypeError as e:
    print(e)
d = {A('a'): A('b')}
del d
def f(x):
    return x
try:
    d = {A('m1'): f(A('m2')), A('m3'): 1 // 0}
except ZeroDivisionError as e:
    print(e)
