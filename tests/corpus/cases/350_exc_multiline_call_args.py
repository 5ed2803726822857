# A call whose arguments span lines: 3.13 shows each line of the call with carets, 3.12 only the first.
def scale(values, factor, offset):
    return [v * factor + offset for v in values]


print(scale([1, 2], 3, 0))
result = max(scale([1, 2],
                   3,
                   'x'), 0)
print(result)
