# A generator's __name__ and __qualname__ are its function's.
class Tree:
    def walk(self):
        yield 1
def outer():
    def inner():
        yield 2
    return inner(), (x for x in 'ab')
gs = [Tree().walk(), (i for i in range(2)), *outer(), outer.__class__ and Tree.walk(Tree())]
for g in gs:
    print(g.__name__, g.__qualname__, type(g).__name__)
