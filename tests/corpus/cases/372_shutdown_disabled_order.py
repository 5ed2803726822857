# With the collector disabled, exit skips the first collection (it would
# reorder the survivors): the objects are finalized in allocation order.
import gc

class X:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)

first = X('first')
items = [X('item0'), X('item1')]
last = X('last')
gc.disable()
print('end of program')
