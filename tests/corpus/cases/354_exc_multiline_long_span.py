# A failing call longer than a few lines: 3.13 elides the middle lines as "...<N lines>...".
def total(*parts):
    s = 0
    for p in parts:
        s = s + p
    return s


count = 2 * total(
    1,
    2,
    3,
    4,
    5,
    6,
    '7',
    8,
)
print(count)
