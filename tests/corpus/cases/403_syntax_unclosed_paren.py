# An unclosed parenthesis, with the error found on a later line.
total = (1 +
         2
print(total)
