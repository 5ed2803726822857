# An f-string missing its closing quote.
x = 42
print(f"x is {x})
