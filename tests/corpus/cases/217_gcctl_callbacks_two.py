# Two callbacks run in list order for each phase.
import gc

gc.collect()


def first(phase, info):
    print('first', phase)


def second(phase, info):
    print('second', phase)


gc.callbacks.append(first)
gc.callbacks.append(second)
gc.collect()
gc.callbacks.clear()
print(len(gc.callbacks))
