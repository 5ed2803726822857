# Constants the compiler folds, merges and drops (tuples, floats, keyword
# names, constant dict keys, unreachable code, docstrings) shape the count.
"""Module docstring."""
import gc

"a string statement"
LIMITS = (1, 2.5, ("a", None), -3)
SQUARE = 2 ** 8
NAMES = ["x", "y", "z"]


def config(width=80, height=24.0, *, title="t", border=(1, 1)):
    """Return the settings."""
    return {"width": width, "height": height, "title": title, "border": border}


def pick(n):
    if n in [1, 2, 3]:
        return "small"
    elif n in {10, 20}:
        return "round"
    return "other"
    print("never")


def flags(x):
    return x and 0.5 or (True, False)


print(gc.get_count())
print(config(), pick(2), pick(20), flags(1), LIMITS, SQUARE, NAMES)
print(dict(a=1, b=2.0, c=(3,)), [x * 1.5 for x in (1, 2)])
