# 3.13: a star with nothing to unpack, first in a list display.
items = [*]
