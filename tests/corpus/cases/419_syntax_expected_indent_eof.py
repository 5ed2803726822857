# A while statement at the end of the file, with no body.
n = 0
while n < 3:
