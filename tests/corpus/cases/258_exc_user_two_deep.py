# A user exception raised two calls deep, uncaught.
class AppError(Exception):
    pass


def inner(v):
    if v > 2:
        raise AppError('value too big: ' + str(v))
    return v


def outer(v):
    return inner(v) * 2


print(outer(1))
print(outer(3))
