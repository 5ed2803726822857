# try/finally: objects made in the try are still alive in finally.
class X:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)


def f():
    a = X('a')
    try:
        b = X('b')
        return 'ret'
    finally:
        print('finally sees', a.name, b.name)


print(f())
print('end')
