# A list that contains itself
# The list is its own referent: after del its count is still 1, and only the cycle collector can free it.
import gc
import sys

lst = []
lst.append(lst)
print(lst)  # repr notices the cycle
print(sys.getrefcount(lst))  # the name, the list's own slot, the argument
print(lst[0] is lst)

del lst  # the list still refers to itself
print(gc.collect())
