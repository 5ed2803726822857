# A second global statement after the name was assigned is an error, even though it was already global.
count = 0

def bump():
    global count
    count += 1
    global count
    return count

print(bump())
