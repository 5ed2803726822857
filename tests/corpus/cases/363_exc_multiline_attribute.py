# Attributes and method calls across lines: the position starts at the name, on its own line.
class Chain:
    def __init__(self, n):
        self.n = n

    def step(self):
        return Chain(self.n - 1)

    def check(self):
        return 10 // self.n


c = Chain(2)
print(c.step().check())
try:
    print(c
          .missing)
except AttributeError:
    result = (c
              .step()
              .step()
              .check())
