# Mutual recursion between two methods, counted until the limit.
import sys

sys.setrecursionlimit(300)


class Walker:
    def __init__(self):
        self.steps = 0

    def left(self):
        self.steps += 1
        return self.right()

    def right(self):
        self.steps += 1
        return self.left()


w = Walker()
try:
    w.left()
except RecursionError:
    print(w.steps)
