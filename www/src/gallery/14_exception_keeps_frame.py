# An exception saved in a local
# Keeping a caught exception in a variable creates a cycle: its traceback refers to the frame, and the frame's locals refer to the exception, so everything the function held lives on until a collection.
import gc


class Resource:
    def __del__(self):
        print('Resource freed')


def risky():
    res = Resource()
    try:
        1 / 0
    except ZeroDivisionError as e:
        error = e  # exception -> traceback -> frame -> error -> exception
    return 'failed'


print(risky())
print('returned, but the Resource was not freed')
print('collected', gc.collect())
