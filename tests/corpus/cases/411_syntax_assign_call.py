# Assignment to a function call.
def f():
    return []
f() = 1
