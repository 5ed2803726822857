# Uncaught AssertionError with a message.
x = 5
assert x > 0, 'positive'
print('first assert passed')
assert x > 10, 'x must be big'
