# __del__ stores self in a global: the object is resurrected.
import sys

saved = None


class X:
    def __del__(self):
        global saved
        print('del called')
        saved = self


x = X()
del x
print(saved is not None, type(saved).__name__)
print(sys.getrefcount(saved))
saved = None
print('end')
