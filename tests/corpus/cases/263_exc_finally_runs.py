# finally runs before the uncaught exception is printed.
def f():
    try:
        print('in try')
        raise ValueError('oops')
    finally:
        print('in finally')


f()
