# How deep plain recursion gets before RecursionError with the default limit.
def depth(n):
    try:
        return depth(n + 1)
    except RecursionError:
        return n


d = depth(0)
print(d > 900, d < 1001)
print(d)
