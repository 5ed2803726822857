# A resurrected object's __del__ is not called a second time (PEP 442).
import gc

gc.collect()
keep = []


class X:
    def __del__(self):
        print('del')
        keep.append(self)


x = X()
x.me = x
del x
gc.collect()
print(len(keep))
keep.clear()
print(gc.collect())
print('end')
