# for/else, while, break and continue.
for i in range(5):
    if i == 3:
        break
    print('i', i)
else:
    print('no break')
for i in range(2):
    pass
else:
    print('loop finished', i)
n = 0
while True:
    n += 1
    if n % 2:
        continue
    if n > 6:
        break
    print('n', n)
