# An else clause with no indented block (3.12 and 3.13 draw different carets).
x = 1
if x:
    pass
else:
print(x)
