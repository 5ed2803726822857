# Assigning to a list index frees the replaced element.
class X:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)


lst = [X('0'), X('1')]
lst[0] = X('0b')
print('after lst[0] =')
lst[-1] = lst[0]
print('after lst[-1] = lst[0]')
print(lst[0] is lst[1])
lst = []
print('end')
