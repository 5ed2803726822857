# A cycle between instances of a base class and a subclass.
import gc

gc.collect()


class Base:
    def __init__(self):
        self.peer = None


class Sub(Base):
    pass


x = Base()
y = Sub()
x.peer = y
y.peer = x
z = Sub()
z.peer = z
del x, y, z
print(gc.collect())
