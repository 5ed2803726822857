# MemoryError can be caught; freeing the memory lets the program go on.
# exit: 0
# stdout: recovered
# stdout: 1000
x = []
try:
    while True:
        x.append([0] * 1000)
except MemoryError:
    del x
    print("recovered")
y = [[1] * 100 for i in range(1000)]
print(len(y))
