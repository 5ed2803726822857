# continue in a function defined inside a loop.
for i in range(3):
    def f():
        continue
