# The seed article's refcount example: 1 from the variable and 1 from getrefcount.
import sys

a = []

# 2 references, 1 from the variable and 1 from getrefcount
print(sys.getrefcount(a))
