# KeyError messages use repr of the key.
d = {}
for k in ['str', 3, (1, 2), None]:
    try:
        d[k]
    except KeyError as e:
        print('KeyError', e)
d[('a', 1)]
