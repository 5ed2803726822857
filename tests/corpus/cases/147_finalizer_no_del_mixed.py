# A cycle where only one member has __del__.
import gc

gc.collect()


class Plain:
    pass


class Fin:
    def __del__(self):
        print('Fin del, plain has', type(self.p).__name__)


p = Plain()
f = Fin()
p.f = f
f.p = p
del p, f
print(gc.collect())
