# An annotated name cannot be global in a function.
total = 0

def add(n):
    global total
    total: int = total + n
