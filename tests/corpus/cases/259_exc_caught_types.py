# Messages of common exceptions, caught and printed.
tests = [
    lambda: 1 / 0,
    lambda: [][0],
    lambda: {}['k'],
    lambda: int('x'),
    lambda: None + 1,
    lambda: (1).nope,
    lambda: len(5),
    lambda: [1, 2].index(3),
]
for t in tests:
    try:
        t()
    except Exception as e:
        print(type(e).__name__ + ':', e)
