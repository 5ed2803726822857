# get_referents with several arguments concatenates the results.
import gc

x = [1, 2]
y = (3, 4, 5)
z = {'a': 6}
print(len(gc.get_referents(x, y, z)))
print(gc.get_referents(x, y))
