# *args after **kwargs in a call (3.12 and 3.13 place the carets differently).
args = [1]
kw = {}
print(**kw, *args)
