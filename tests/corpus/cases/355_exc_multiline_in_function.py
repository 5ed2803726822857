# A multi-line expression failing inside a function called from the module: two frames, each with its lines.
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


def distance2(p, q):
    dx = p.x - q.x
    return (dx * dx
            + (p.y - q.y)
            * (p.y - q.y))


print(distance2(Point(0, 0), Point(3, 4)))
print(distance2(Point(0, 0),
                Point(3, None)))
