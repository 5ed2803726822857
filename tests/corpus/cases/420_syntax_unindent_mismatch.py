# A dedent to a column no block started at.
def f():
    if True:
        x = 1
      return x
