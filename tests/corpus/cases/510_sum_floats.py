# sum() as CPython 3.12+: ints first, then floats with Neumaier's
# compensated summation (sum([0.1] * 10) is 1.0), then plain + for the rest.
print(sum([0.1] * 10), sum([0.1] * 10, 0.0), sum([1, 0.1, 0.2]), sum([0.1, 0.2, 0.3]), sum([1e100, 1.0, -1e100]))
print(sum([0.1, True, 0.2, 3]), sum([2 ** 62, 2 ** 62, 0.1, 0.2]), sum([0.1, 2 ** 70, 0.2, 0.3]), sum([], 0.5))
print(sum([1e308, 1e308, -1e308]), sum([float('inf'), 1.0]), sum([-0.0]), sum([-0.0], -0.0), sum([0.1] * 3, True))
print(sum([1, 2, 3]), sum([True, True]), sum([[1], [2]], []), sum([(1,), (2,)], ()), sum([0.5, 0.25], 1))
print(sum([0.1 * i for i in range(100)]), sum([1 / 3] * 3), sum([0.1, 0.7, -0.8]), sum((x / 10 for x in range(10))))
