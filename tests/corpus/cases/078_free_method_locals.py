# A method's local objects are freed when it returns, self survives.
class X:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)

    def work(self):
        tmp = X(self.name + '-tmp')
        return len(tmp.name)


x = X('x')
print(x.work())
print('after work')
del x
print('end')
