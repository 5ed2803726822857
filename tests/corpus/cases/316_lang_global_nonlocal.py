# global and nonlocal rebinding.
total = 0


def add(n):
    global total
    total += n


def counter():
    count = 0

    def inc():
        nonlocal count
        count += 1
        return count

    return inc


add(5)
add(6)
print(total)
c = counter()
print(c(), c(), c())
d = counter()
print(d(), c())
