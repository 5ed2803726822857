# A cycle that survives one young collection moves to generation 1 and is only
# found later: here not before the program ends (the final collection at exit).
import gc

gc.collect()


class X:
    def __del__(self):
        print('collected X')


gc.set_threshold(10)
x = X()
x.me = x
del x
print('allocating')
junk = []
for i in range(30):
    junk.append([i])
print('done allocating')
