# An exception raised in an except block shows the implicit context.
def f():
    try:
        return [][1]
    except IndexError:
        return {}['x']


f()
