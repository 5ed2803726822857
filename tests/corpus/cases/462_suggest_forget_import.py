# A standard library module used without its import: "Did you forget to import"
def refs(x):
    return sys.getrefcount(x)

print("start")
refs([])
