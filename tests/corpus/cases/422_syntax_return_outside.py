# return at module level.
x = [1, 2, 3]
return x
