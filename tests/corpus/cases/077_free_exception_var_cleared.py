# The 'as' name of an except clause is deleted when the clause ends.
class Err(Exception):
    def __del__(self):
        print('del Err')


try:
    raise Err()
except Err as e:
    print('handling', type(e).__name__)
print('after except')
try:
    print(e)
except NameError as err:
    print('NameError:', err)
