# A starred assignment target on its own.
*rest = [1, 2, 3]
