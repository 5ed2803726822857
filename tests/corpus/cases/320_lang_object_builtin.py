# object() instances, type() and identity comparisons.
a = object()
b = object()
print(a is b, a == a, type(a).__name__, type(a) is object)
print(isinstance(a, object), isinstance(1, object))
print(id(a) == id(a), id(a) == id(b))
print(type(type(a)).__name__, type(len).__name__)
