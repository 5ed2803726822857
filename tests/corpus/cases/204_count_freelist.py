# gen-0 count vs free lists: freed lists up to the free-list size do not lower the
# count, and lists reused from the free list do not raise it; instances always do.
import gc

gc.collect()
many = [[] for i in range(200)]
c1 = gc.get_count()
del many
c2 = gc.get_count()
again = [[] for i in range(200)]
c3 = gc.get_count()


class X:
    pass


gc.collect()
c4 = gc.get_count()
xs = [X() for i in range(50)]
c5 = gc.get_count()
del xs
c6 = gc.get_count()
e = {}
c7 = gc.get_count()
print(c1, c2, c3, c4, c5, c6, c7)
