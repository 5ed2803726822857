# A constant set display is one frozenset constant in both compilers: its items
# used elsewhere stay constants of their own (the start-up count).
import gc
print(gc.get_count())
s = {1.5, 2, 3}
y = 1.5
t = (1.5, 4)
