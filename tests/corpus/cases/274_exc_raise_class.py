# Raising an exception class (not an instance), uncaught, with no message.
class Stop(Exception):
    pass


print('raising')
raise Stop
