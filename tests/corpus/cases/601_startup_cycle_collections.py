# When automatic collections happen depends on the count compilation left:
# a class with two methods, then a loop making reference cycles.
import gc


class Pair:
    def __init__(self, name):
        self.name = name
        self.other = None

    def __del__(self):
        collected.append(self.name)


collected = []
print(gc.get_count())
for i in range(3000):
    a = Pair(i)
    b = Pair(-i)
    a.other = b
    b.other = a
    if collected:
        print("collection during iteration", i, "freed", len(collected))
        collected.clear()
print(gc.get_count())
