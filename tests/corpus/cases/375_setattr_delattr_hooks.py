# A class's __setattr__ and __delattr__ run for every assignment and del of an
# attribute; object.__setattr__ and super().__delattr__ do the real work.
class A:
    def __setattr__(self, name, value):
        print("set", name, value)
        object.__setattr__(self, name, value)

    def __getattr__(self, name):
        return "missing " + name

    def __delattr__(self, name):
        print("del", name)
        super().__delattr__(name)


class B(A):
    def __init__(self):
        self.x = 1


a = A()
a.x = 1
print(a.x, a.y)
del a.x
print(getattr(a, "x"))
setattr(a, "z", [1])
b = B()
print(b.x, b.__dict__ if hasattr(b, "__dict__") else None)
try:
    object.__setattr__(a, 5, 1)
except TypeError as e:
    print(e)
try:
    del b.nothing
except AttributeError as e:
    print("AttributeError", e)
