# Unbounded recursion: RecursionError, with CPython's collapsed traceback.
# exit: 1
# stderr-has:   [Previous line repeated 996 more times]
# stderr-ends: RecursionError: maximum recursion depth exceeded
def f():
    f()


f()
