# A comprehension's result list and the objects it made are freed together.
class X:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)


names = [x.name for x in [X('a'), X('b')]]
print(names)
total = sum(len(x.name) for x in (X('gen1'), X('gen2')))
print(total)
