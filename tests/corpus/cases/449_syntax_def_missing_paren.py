# A def without its parameter list.
def greet:
    print("hi")
