# A deep chain of tuples freed by refcounting.
t = ()
for i in range(100000):
    t = (t, i)
print(t[1], t[0][1])
del t
print('freed')
