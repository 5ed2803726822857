# A triple-quoted string never closed.
doc = """Start of a docstring

x = 1
print(x)
