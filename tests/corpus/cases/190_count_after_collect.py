# gc.get_count() right after a collection, then after allocating containers.
import gc

gc.collect()
print(gc.get_count())
a = []
print(gc.get_count())
b = [[] for i in range(10)]
print(gc.get_count())
c = {'k': 1}
print(gc.get_count())
