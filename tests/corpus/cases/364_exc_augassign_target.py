# Augmented assignment: reading the target fails at the target, the operator at the whole statement.
class Counter:
    pass


c = Counter()
counts = {'a': 1}
counts['a'] += 1
print(counts)
try:
    counts['b'] += 1
except KeyError:
    try:
        c.hits += 1
    except AttributeError:
        total = 0
        total += 'one'
