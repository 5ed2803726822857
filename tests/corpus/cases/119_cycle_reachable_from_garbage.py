# Non-cyclic objects hanging off a cycle are freed with it (by refcount).
import gc

gc.collect()
a = []
a.append(a)
a.append([1, 2, 3])
a.append({'k': [4]})
del a
print(gc.collect())
