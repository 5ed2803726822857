# Breaking a cycle by hand lets refcounting free it; the collector finds nothing.
import gc

gc.collect()


class X:
    def __del__(self):
        print('del X')


a = [X()]
a.append(a)
a.pop()
del a
print(gc.collect())
