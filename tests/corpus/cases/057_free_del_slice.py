# del of a simple slice frees the removed elements last to first; an extended
# slice (with a step) frees them first to last.
class X:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)


lst = [X(str(i)) for i in range(6)]
del lst[1:3]
print('after del lst[1:3]')
del lst[::2]
print('after del lst[::2]')
lst[0:1] = [X('new')]
print('after slice assignment')
print(len(lst))
del lst
print('end')
