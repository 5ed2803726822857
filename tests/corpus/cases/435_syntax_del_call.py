# del of a function call.
d = {}
del d.get("a")
