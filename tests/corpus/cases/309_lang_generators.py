# Generators: yield, next, exhaustion and for loops.
def countdown(n):
    while n > 0:
        yield n
        n -= 1
    return


g = countdown(3)
print(next(g), next(g), next(g))
print(next(g, 'done'))
print(list(countdown(5)))
print(sum(countdown(4)), max(countdown(7)))


def pairs(seq):
    for i, x in enumerate(seq):
        yield i, x


print(dict(pairs('ab')))
