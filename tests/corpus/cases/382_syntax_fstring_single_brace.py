# A single '}' in an f-string.
name = "gc"
print(f"{name}} collects")
