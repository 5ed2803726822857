# Refcounts inside nested containers: only direct references count.
import sys

inner = [1]
mid = [inner, inner]
outer = [mid, mid]
print(sys.getrefcount(inner), sys.getrefcount(mid), sys.getrefcount(outer))
deep = [outer]
print(sys.getrefcount(inner), sys.getrefcount(mid), sys.getrefcount(outer))
del outer
print(sys.getrefcount(mid))
del deep
print(sys.getrefcount(mid), sys.getrefcount(inner))
