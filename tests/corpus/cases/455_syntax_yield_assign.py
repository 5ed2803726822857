# A bare yield between two `=` has a grammar rule of its own.
def f():
    x = yield = 3
