# Two dict entries with no comma between them.
d = {"a": 1 "b": 2}
