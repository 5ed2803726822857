# A __del__ at shutdown that reads a module global.
PREFIX = 'bye'


class X:
    def __del__(self):
        print(PREFIX, 'from X')


x = X()
print('end of program')
