# A misspelt dict method on a temporary dict
d = {"a": 1}
print(list(d.items()))
for k, v in {}.iteems():
    print(k, v)
