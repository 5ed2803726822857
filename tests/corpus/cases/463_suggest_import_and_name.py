# A close global and a module name at once: both hints, the second with "Or"
ys = [1, 2]
print(len(ys))
print(sys)
