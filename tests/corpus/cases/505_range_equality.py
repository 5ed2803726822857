# Ranges are equal when they give the same ints (range_equals): the same
# length, and then the same start and step where they matter.
rs = [range(3), range(0, 3), range(0, 3, 1), range(0), range(5, 5), range(3, 0), range(1, 2), range(1, 2, 5),
      range(0, 10, 2), range(0, 9, 2), range(0, 11, 3), range(-1, -10, -3)]
for a in rs:
    print(a, [i for i, b in enumerate(rs) if a == b], [i for i, b in enumerate(rs) if a != b])
print(range(3) == [0, 1, 2], range(2) == (0, 1), range(1) in [range(0, 1)], [range(4)].index(range(0, 4, 1)))
