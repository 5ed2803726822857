# __del__ of an outer object runs before its attributes are released.
class Inner:
    def __del__(self):
        print('del inner')


class Outer:
    def __init__(self):
        self.inner = Inner()

    def __del__(self):
        print('del outer, inner still here:', type(self.inner).__name__)


o = Outer()
del o
print('end')
