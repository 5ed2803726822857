# A default argument value is referenced by the function's defaults tuple.
import sys

dflt = []


def f(x=dflt):
    x.append(1)
    return len(x)


print(sys.getrefcount(dflt))
print(f(), f(), f([]))
del f
print(sys.getrefcount(dflt))
print(dflt)
