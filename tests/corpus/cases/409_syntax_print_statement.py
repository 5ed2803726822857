# Python 2's print statement.
x = [1, 2]
print "length:", len(x)
