# A lambda in a module-level list comprehension captures the comprehension's
# variable in a cell of its own (PEP 709): every lambda of one run shares it,
# and the name stays unbound (or keeps its global value) outside.
import sys
import gc

fs = [lambda: i for i in range(3)]
print([f() for f in fs])
print(fs[0].__closure__ is fs[2].__closure__, fs[0].__closure__[0] is fs[2].__closure__[0])
cell = fs[0].__closure__[0]
print(sys.getrefcount(cell), gc.get_referents(cell), cell.cell_contents)
try:
    print(i)
except NameError as e:
    print(e)
i = 10
gs = [lambda: i for i in range(2)]
print(i, [g() for g in gs])
print(gs[0].__closure__[0] is cell)
del fs
print(sys.getrefcount(cell))
del gs
print(sys.getrefcount(cell))
print([x for x in range(3)])
try:
    print(x)
except NameError as e:
    print(e)
