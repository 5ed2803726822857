# Each finalizer makes new garbage with a finalizer: stopped by the step budget.
# exit: 1
# stderr-has: steps and was stopped
import gc


class Hydra:
    def __del__(self):
        a = Hydra()
        b = Hydra()
        a.other = b
        b.other = a


h = Hydra()
h.me = h
del h
while True:
    gc.collect()
