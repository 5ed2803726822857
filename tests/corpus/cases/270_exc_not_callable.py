# Uncaught TypeError from calling something that is not callable.
x = 5
y = [1, 2]
print(len(y))
y(0)
