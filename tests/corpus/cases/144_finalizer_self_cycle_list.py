# An object with __del__ held in a self-referencing list.
import gc

gc.collect()


class X:
    def __del__(self):
        print('del X')


lst = [X()]
lst.append(lst)
del lst
print('before collect')
print(gc.collect())
