# Uncaught TypeError from adding an int and a str.
a = 1
b = 'two'
print('before')
c = a + b
