# A conditional expression with no else.
x = 5
y = "big" if x > 3
