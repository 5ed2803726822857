# Failing segments that are a whole multi-line statement get no carets: a raise, an x = f(...) call.
def check(n):
    if n > 2:
        raise ValueError(
            'too big: '
            + str(n)
        )
    return n


first = check(
    1
)
try:
    check(5)
except ValueError as e:
    print('caught', e)
second = check(
    first + 2
)
