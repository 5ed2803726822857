# An operator in the middle of a long expression: 3.13 shows the lines around it and elides the rest.
def weigh(a, b, c, d, e, f, g):
    return (a
            + b  # the left side
            + c

            + d) * (e
                    # the right side
                    + f
                    + g
                    + a)


print(weigh(1, 2, 3, 4, 5, 6, 7))
print(weigh([1], [2], [3], [4], [5], [6], [7]))
