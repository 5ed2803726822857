# An if statement with no indented block.
x = 1
if x:
print(x)
