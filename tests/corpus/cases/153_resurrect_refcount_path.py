# Resurrection on the refcount path: __del__ runs only once (PEP 442), so the
# object is freed silently when it dies a second time.
saved = []


class X:
    def __init__(self):
        self.n = 0

    def __del__(self):
        self.n += 1
        print('del', self.n)
        saved.append(self)


x = X()
del x
print(len(saved), saved[0].n)
saved.pop()
print('popped again, no second del', len(saved))
