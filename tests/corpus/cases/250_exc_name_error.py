# Uncaught NameError at module level.
print('before')
x = 1
print(undefined_name + x)
print('not reached')
