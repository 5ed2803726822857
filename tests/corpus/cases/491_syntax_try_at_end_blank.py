# A try block that ends the file, followed by blank lines: the error is on
# the last (blank) line, with no caret.
x = 1
try:
    x = 2


