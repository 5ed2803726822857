# Instances built through super().__init__ and their attribute references.
import sys


class Base:
    def __init__(self, item):
        self.item = item


class Child(Base):
    def __init__(self, item):
        super().__init__(item)
        self.again = item


thing = []
c = Child(thing)
print(sys.getrefcount(thing))
print(isinstance(c, Base), type(c).__name__)
c.again = None
print(sys.getrefcount(thing))
del c
print(sys.getrefcount(thing))
