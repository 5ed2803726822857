# A try block that ends the file, with no except or finally: CPython places
# the error on the last line of the file, here a comment, with no caret.
def f():
    try:
        return 1
    # no handler follows
