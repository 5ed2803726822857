# Multiply by a million
# Each request leaves one small cycle behind: with the collector disabled the garbage piles up round after round until gc.collect() frees it all; enabled, the collector keeps it below its threshold.
import gc

live = 0


class Record:
    def __init__(self):
        global live
        live += 1
        self.me = self  # the cycle that refcounting cannot free

    def __del__(self):
        global live
        live -= 1


def handle_request():
    r = Record()  # forgotten at return, but not freed


def serve(rounds):
    alive = []
    for n in range(rounds):
        for i in range(1800):
            handle_request()
        alive.append(live)
    return alive


gc.disable()
print('collector disabled, alive after each round:', serve(4))
freed = gc.collect()
gc.enable()
alive = serve(4)
print('gc.collect() freed', freed)
print('collector enabled, alive after each round:', alive)
