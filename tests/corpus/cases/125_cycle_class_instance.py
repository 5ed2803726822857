# A class attribute holding an instance of the same class: class and instance cycle.
import gc

gc.collect()


def build():
    class Local:
        pass

    Local.instance = Local()
    return 0


build()
print(gc.collect() > 0)
