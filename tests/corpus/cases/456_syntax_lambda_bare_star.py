# A lambda with a bare `*`: CPython points past the star, at what follows it.
square = lambda x, *: x * x
