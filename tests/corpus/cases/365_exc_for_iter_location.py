# An error raised by iterating points at the iterable in 3.13, at the whole loop or comprehension in 3.12.
def numbers(n):
    for i in range(n):
        yield i
    raise ValueError('no more numbers')


d = {1: 'a'}
print(sum(i for i in range(3)))
try:
    for k in d:
        d[k + 1] = 'b'
except RuntimeError:
    try:
        squares = [i * i for i in
                   numbers(2)]
    except ValueError:
        # a generator expression that is a call's only argument owns the call's parentheses
        print(sum(i for i in numbers(1)))
