# Resurrection
# A __del__ that stores self in a global brings the object back to life: the collector notices and frees nothing, and when the object dies again __del__ does not run a second time.
import gc

saved = None
calls = 0


class Phoenix:
    def __init__(self):
        self.me = self  # a cycle: only the collector can free it

    def __del__(self):
        global saved, calls
        calls += 1
        print('__del__ runs')
        saved = self  # reachable again


p = Phoenix()
del p
print('collected', gc.collect())  # resurrected: nothing freed
print('alive again:', saved is not None)

saved = None  # unreachable a second time
print('collected', gc.collect())  # freed now, without calling __del__
print('__del__ calls:', calls)
