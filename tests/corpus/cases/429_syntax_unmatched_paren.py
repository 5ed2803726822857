# A closing parenthesis with no opening one.
x = (1 + 2))
