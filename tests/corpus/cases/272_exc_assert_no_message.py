# Uncaught AssertionError without a message.
def check(v):
    assert v
    return v


print(check(1))
values = [1, 2]
assert len(values) == 3
