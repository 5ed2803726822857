# A NameError re-raised from its handler keeps its name: the suggestion is printed
def total(xs):
    try:
        return summ(xs)
    except NameError:
        print("no summ")
        raise

total([1, 2])
