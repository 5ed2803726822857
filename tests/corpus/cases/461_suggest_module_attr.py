# A misspelt function of the gc module: "Did you mean" from dir(gc)
import gc
print(gc.isenabled())
gc.colect()
