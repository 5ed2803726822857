# __del__ of a cycle member is run once, even if the object is collected later.
import gc

gc.collect()
keep = []


class X:
    def __del__(self):
        print('del X')
        keep.append(self)


x = X()
x.me = x
del x
print(gc.collect())
print(len(keep))
keep.clear()
print(gc.collect())
print('end')
