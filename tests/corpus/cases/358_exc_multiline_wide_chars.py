# Wide (East Asian) characters in failing lines: carets count display width, on one line or several.
def shout(s):
    return s + 1


names = {'日本': 'Japan', 'café': 'coffee'}
print(names['日本'], names['café'])
try:
    print('東京' + names['日本'] + 1)
except TypeError:
    try:
        label = ('日本語'
                 + names['café']
                 + 1)
    except TypeError:
        # 3.13 compares UTF-8 columns with character columns: carets under a whole x = f(...)
        loud = shout('日本')
