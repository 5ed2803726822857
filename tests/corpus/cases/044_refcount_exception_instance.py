# An exception object is referenced by the except variable while handled.
import sys


class MyError(Exception):
    pass


saved = None
try:
    raise MyError('boom')
except MyError as e:
    print(sys.getrefcount(e))
    saved = e
    print(sys.getrefcount(e))
print(sys.getrefcount(saved))
print(saved.args)
