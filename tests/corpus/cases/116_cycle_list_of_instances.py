# A cycle through a list of instances that point back to the list.
import gc

gc.collect()


class Item:
    def __init__(self, owner):
        self.owner = owner


items = []
for i in range(4):
    items.append(Item(items))
del items
print(gc.collect())
