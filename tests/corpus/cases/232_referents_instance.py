# gc.get_referents of an instance.
import gc


class C:
    def __init__(self):
        self.a = [1]
        self.b = 'b'


c = C()
refs = gc.get_referents(c)
print(sorted(type(r).__name__ for r in refs))
print(any(r is C for r in refs))
