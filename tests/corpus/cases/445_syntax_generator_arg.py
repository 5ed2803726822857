# An unparenthesized generator expression beside another argument.
print(x * x for x in range(3), 1)
