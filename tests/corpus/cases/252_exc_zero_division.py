# Uncaught ZeroDivisionError inside a function called from module level.
def ratio(a, b):
    return a / b


print(ratio(1, 2))
print(ratio(1, 0))
