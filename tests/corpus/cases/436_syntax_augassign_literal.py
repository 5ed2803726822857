# Augmented assignment to a literal.
x = 1
2 += x
