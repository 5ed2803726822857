# A closure that refers to itself
# A recursive inner function reaches itself through a cell of its own closure: function, cell and closure tuple form a cycle that outlives the call.
import gc
import weakref


def make_countdown():
    def countdown(n):
        if n == 0:
            return 'liftoff'
        return countdown(n - 1)  # countdown is a free variable: a cell
    return countdown


f = make_countdown()
print(f(3))
alive = weakref.ref(f)
del f
print('after del, alive:', alive() is not None)
print('collected', gc.collect())
print('alive:', alive() is not None)
