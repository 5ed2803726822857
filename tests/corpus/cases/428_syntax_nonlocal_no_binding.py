# nonlocal naming no variable of an enclosing function.
def outer():
    def inner():
        nonlocal total
        total = 1
    inner()
