# A dict display whose later item has no value before a "for": the key is
# underlined.
d = {1: 2, 3 for x in range(2)}
