# Flow through try/except/else/finally in the no-error and error cases.
def run(x):
    try:
        r = 10 // x
    except ZeroDivisionError as e:
        print('except', e)
        r = None
    else:
        print('else', r)
    finally:
        print('finally')
    return r


print(run(2))
print(run(0))
