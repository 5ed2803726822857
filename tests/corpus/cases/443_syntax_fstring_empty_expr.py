# An empty replacement field in an f-string.
x = 1
print(f"value: {}")
