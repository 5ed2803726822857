# A list freed by del
# sys.getrefcount shows the list's count (plus one for its own argument); when del removes the last name the count drops to zero and the list is freed on the spot, no collector needed.
import sys

lst = []
print(sys.getrefcount(lst))  # the name lst, plus getrefcount's own argument

alias = lst
print(sys.getrefcount(lst))  # one more name, one more reference
del alias
print(sys.getrefcount(lst))

del lst  # the last reference goes: the list is freed on this line
print('lst is gone')
