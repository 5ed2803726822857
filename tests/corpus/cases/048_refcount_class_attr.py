# Class attributes are shared; instances see them without extra references.
import sys


class Config:
    table = {'a': 1}


t = Config.table
print(sys.getrefcount(t))
c1 = Config()
c2 = Config()
print(sys.getrefcount(t))
print(c1.table is c2.table is t)
c1.table = {}
print(sys.getrefcount(t), c1.table is t)
