# Dict literals and dict() calls are tracked only when a value could be a container.
import gc

print(gc.is_tracked({'a': 1}))
print(gc.is_tracked({'a': [1]}))
print(gc.is_tracked(dict(a=1, b=2)))
print(gc.is_tracked(dict(a=())))
print(gc.is_tracked({1: 'x' * 3}))
print(gc.is_tracked({i: i * i for i in range(4)}))
print(gc.is_tracked({i: [i] for i in range(4)}))
