# str(e) of a caught NameError or AttributeError never has the suggestion
try:
    prnt("x")
except NameError as e:
    print(e)
try:
    [].apend(1)
except AttributeError as e:
    print(e, e.args)
import gc
try:
    gc.colect()
except AttributeError as e:
    print(repr(e))
print("done")
