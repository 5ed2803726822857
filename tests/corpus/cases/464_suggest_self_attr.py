# A bare name inside a method that is an attribute of self: "Did you mean: 'self.count'?"
class Counter:
    def __init__(self):
        self.count = 0

    def bump(self):
        self.count += 1
        return count

c = Counter()
c.bump()
