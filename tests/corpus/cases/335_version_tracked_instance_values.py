# gc.get_referents of an instance lists its attribute values or its dict.
import gc


class C:
    pass


c = C()
c.lst = []
c.tup = (1,)
print(len(gc.get_referents(c)))
print(sorted(type(x).__name__ for x in gc.get_referents(c)))
