# Misspelt str method, and a case difference costs less than a change
s = "abc"
print(s.upper())
print(s.Lower())
