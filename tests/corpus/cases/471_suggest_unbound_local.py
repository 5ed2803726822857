# 3.12 takes every local name of the code, bound or not; 3.13 only the bound ones
def f():
    value = prnt
    pritn = 1
    return value, pritn

f()
