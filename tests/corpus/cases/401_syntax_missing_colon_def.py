# A missing colon after a def header.
def area(w, h)
    return w * h

print(area(2, 3))
