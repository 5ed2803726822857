# Nested containers are freed depth first: outer list, inner lists, objects.
class X:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)


grid = [[X('a0'), X('a1')], [X('b0'), X('b1')]]
d = {'row': grid[0]}
del grid
print('grid gone, row kept')
del d
print('end')
