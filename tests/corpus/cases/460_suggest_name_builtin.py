# A misspelt built-in: the uncaught NameError's last line suggests the closest name
values = [3, 1, 2]
print(sorted(values))
prnt(len(values))
