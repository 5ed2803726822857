# A for loop keeps an iterator that references the list, and the loop variable
# keeps the last element.
import sys

items = [[], [], []]
for x in items:
    print(sys.getrefcount(items), sys.getrefcount(x))
print(sys.getrefcount(items))
print(sys.getrefcount(x))
del x
print(sys.getrefcount(items[2]))
