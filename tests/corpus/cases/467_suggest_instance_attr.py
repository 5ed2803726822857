# A misspelt instance attribute: candidates are the instance's and its class's names
class Box:
    kind = "box"

    def __init__(self, value):
        self.value = value

b = Box(5)
print(b.value, b.kind)
print(b.vlaue)
