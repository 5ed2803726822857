# Failing calls inside multi-line dict and list literals: the frame shows the call's own lines.
def half(n, d):
    return n // d


table = {
    'a': half(4, 2),
    'b': [
        half(6, 3),
        half(8,
             0),
    ],
    'c': 3,
}
print(table)
