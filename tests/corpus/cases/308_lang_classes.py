# Classes: __init__, methods, class attributes, __repr__, __str__, super().
class Animal:
    kind = 'animal'

    def __init__(self, name):
        self.name = name

    def speak(self):
        return '...'

    def __repr__(self):
        return f'Animal({self.name!r})'


class Dog(Animal):
    kind = 'dog'

    def speak(self):
        return 'woof ' + super().speak()

    def __str__(self):
        return 'Dog named ' + self.name


a = Animal('x')
d = Dog('rex')
print(a, repr(a), str(a))
print(d, repr(d), [d])
print(d.speak(), Dog.kind, a.kind, type(d).__name__)
print(isinstance(d, Animal), isinstance(a, Dog))
