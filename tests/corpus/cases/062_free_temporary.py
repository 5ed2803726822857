# Temporaries are freed as soon as the expression that made them is done.
class X:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)

    def get(self):
        return self.name


print(X('temp').get())
print('next statement')
X('discarded')
print('after discarded')
n = len([X('in list')])
print(n)
