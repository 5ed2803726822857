# A __del__ that catches its own error keeps stderr clean; the free still happens.
class Careful:
    def __init__(self, data):
        self.data = data

    def __del__(self):
        try:
            print('del sees', self.data['missing'])
        except KeyError as e:
            print('del caught KeyError', e)


c = Careful({})
del c
print('still running')
