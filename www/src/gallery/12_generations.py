# Generations and promotion
# An object that survives a collection of generation 0 moves to generation 1, so later young collections no longer look at it.
import gc


def generation(obj):
    for g in range(3):
        if any(o is obj for o in gc.get_objects(g)):
            return g


gc.collect()
cycle = []
cycle.append(cycle)
print('new object in generation', generation(cycle))
gc.collect(0)  # it is reachable: it survives and is promoted
print('after collect(0):', generation(cycle))

del cycle  # now it is garbage, but in generation 1
print('collect(0) found', gc.collect(0))
print('collect(1) found', gc.collect(1))
