# gc.disable() stops automatic collection; gc.collect() still works.
import gc

print(gc.isenabled())
gc.disable()
print(gc.isenabled())
gc.collect()


class X:
    def __del__(self):
        print('del X')


x = X()
x.me = x
del x
junk = [[] for i in range(5000)]
print('still alive')
print(gc.collect())
gc.enable()
print(gc.isenabled())
