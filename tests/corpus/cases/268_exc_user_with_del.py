# Objects in frames of an uncaught exception: __del__ runs at shutdown after the traceback.
class X:
    def __del__(self):
        print('del X')


def fail():
    x = X()
    raise RuntimeError('fatal')


fail()
