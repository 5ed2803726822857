# A bare raise re-raises the current exception, uncaught.
def f():
    try:
        int('zz')
    except ValueError:
        print('logging and re-raising')
        raise


f()
