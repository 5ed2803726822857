# A closure stored in the list it captures.
import gc

gc.collect()


def make():
    handlers = []

    def handler():
        return len(handlers)

    handlers.append(handler)
    return handlers


hs = make()
print(hs[0]())
del hs
print(gc.collect())
