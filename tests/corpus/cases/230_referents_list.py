# gc.get_referents of containers lists what they point to.
import gc

a = [1, 'two', [3]]
print(len(gc.get_referents(a)))
print([type(o).__name__ for o in gc.get_referents(a)])
d = {'k': (1, 2)}
print(sorted(type(o).__name__ for o in gc.get_referents(d)))
t = (a, d)
print([type(o).__name__ for o in gc.get_referents(t)])
print(gc.get_referents(5))
