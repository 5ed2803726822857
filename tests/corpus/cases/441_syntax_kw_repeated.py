# A keyword argument given twice.
print(1, sep=" ", sep="-")
