# In a method of the object itself, 3.13 also offers names starting with '_'
class Stack:
    def __init__(self):
        self._items = []

    def size(self):
        return len(self.items)

s = Stack()
print(s.size())
