# A misspelt global inside a function: globals are candidates too
total = 0

def add(n):
    global total
    total = totl + n

add(1)
