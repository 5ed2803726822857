# Uncaught OverflowError converting an infinite float to int; big ints never overflow.
print(2 ** 200)
print(len(str(7 ** 500)))
huge = 1e308 * 10
print(huge, -huge)
print(int(huge))
