# A __del__ run by gc.collect() that raises and handles an exception internally.
import gc

gc.collect()


class Bad:
    def __del__(self):
        try:
            raise KeyError('in del')
        except KeyError as e:
            print('handled', repr(e))


b = Bad()
b.me = b
del b
print(gc.collect())
print('still running')
