# At exit CPython runs a full collection with gc.callbacks while the module
# still holds its names, then clears the module and collects once more
# without callbacks; here the callback keeps the module's names alive.
import gc

def cb(phase, info):
    print(phase, info["generation"], info["collected"])

gc.callbacks.append(cb)

class A:
    def __del__(self):
        print("del A")

a = A()
a.me = a
print("end")
