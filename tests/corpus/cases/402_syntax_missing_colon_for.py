# A missing colon after a for header, inside a method.
class Bag:
    def __init__(self, items):
        self.items = []
        for item in items
            self.items.append(item)
