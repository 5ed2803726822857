# print's keywords: file=None and flush (any value) are taken, sep and end
# must be None or a string, an unknown keyword is named first.
print("a", file=None, flush=True)
print("b", "c", sep=None, end=None, flush=0)
try:
    print("d", sep=1)
except TypeError as e:
    print(e)
try:
    print("e", end=[], k=1)
except TypeError as e:
    print(e)
print("f", flush=[1])
