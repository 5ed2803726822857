# Each loop iteration rebinds the loop variable, freeing the previous value.
class X:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)


for i in range(3):
    x = X(i)
    print('made', i)
print('loop done')
del x
print('end')
