# A key's __eq__, run by a dict or set lookup, that changes the container:
# the search restarts when the table was replaced (a resize, clear) or the
# compared entry no longer holds its key (removed, even if put back); it goes
# on otherwise (an insertion that fits, a new value). A new key takes the
# first removed key's place in the probe order.
log = []
class K:
    def __init__(self, n):
        self.n = n
        self.act = None
    def __hash__(self):
        return 1
    def __eq__(self, other):
        log.append((self.n, getattr(other, 'n', other)))
        if self.act:
            a, self.act = self.act, None
            a()
        return isinstance(other, K) and self.n == other.n
    def __repr__(self):
        return f'K{self.n}'

def run(title, c, look):
    log.clear()
    try:
        r = look(c)
    except Exception as e:
        r = f'{type(e).__name__}: {e}'
    print(title, r, log, c)

def many(c, n):
    for i in range(10, 10 + n):
        if isinstance(c, dict):
            c[i] = i
        else:
            c.add(i)

def reinsert():
    del D[a]
    D[a] = 'again'

a, b = K(1), K(2)
D = {a: 'a', b: 'b'}
a.act = lambda: D.pop(a)
run('remove self', D, lambda d: d.get(K(2)))
a, b, c = K(1), K(2), K(3)
D = {a: 'a', b: 'b', c: 'c'}
b.act = lambda: D.pop(a)
run('remove earlier', D, lambda d: d.get(K(3)))
a, b = K(1), K(2)
D = {a: 'a', b: 'b'}
a.act = lambda: D.update({K(5): 'e'})
run('insert', D, lambda d: d.get(K(5)))
a, b = K(1), K(2)
D = {a: 'a', b: 'b'}
a.act = lambda: many(D, 10)
run('resize', D, lambda d: d.get(K(2)))
a, b = K(1), K(2)
D = {a: 'a', b: 'b'}
a.act = lambda: D.clear()
run('clear', D, lambda d: K(2) in d)
a, b = K(1), K(2)
D = {a: 'a', b: 'b'}
a.act = lambda: D.update({a: 'A'})
run('new value', D, lambda d: d[K(2)])
a, b = K(1), K(2)
D = {a: 'a', b: 'b'}
a.act = reinsert
run('put back', D, lambda d: d[K(2)])
a, b = K(1), K(2)
D = {a: 'a', b: 'b'}
a.act = lambda: D.pop(b)
run('setitem', D, lambda d: d.update({K(2): 'new'}))
a, b = K(1), K(2)
D = {a: 'a', b: 'b'}
a.act = lambda: D.pop(a)
run('pop', D, lambda d: d.pop(K(2)))
a, b = K(1), K(2)
D = {a: 'a', b: 'b'}
a.act = lambda: D.pop(a)
run('setdefault', D, lambda d: d.setdefault(K(1), 'x'))

# how many insertions a dict has room for before its table is replaced
def trial(pre, dels, strs, add):
    d = {}
    for s in range(strs):
        d['s%d' % s] = s
    a, b = K(1), K(2)
    d[a] = 1
    d[b] = 2
    for i in range(pre):
        d[100 + i] = i
    for i in range(dels):
        del d[100 + i]
    a.act = lambda: many(d, add)
    log.clear()
    d.get(K(2))
    return ''.join([str(x[0]) for x in log])
for strs in (0, 3):
    for pre, dels in ((0, 0), (2, 1), (3, 2), (6, 0), (12, 2)):
        print(strs, pre, dels, [trial(pre, dels, strs, add) for add in range(14)])

a, b = K(1), K(2)
S = {a, b}
a.act = lambda: S.discard(a)
run('set discard', S, lambda s: K(2) in s)
a, b = K(1), K(2)
S = {a, b}
a.act = lambda: many(S, 20)
run('set resize', S, lambda s: K(2) in s)
a, b = K(1), K(2)
S = {a, b}
a.act = lambda: S.add(K(7))
run('set add', S, lambda s: K(7) in s)

class H:
    def __init__(self, n, h):
        self.n = n
        self.h = h
    def __hash__(self):
        return self.h
    def __eq__(self, o):
        log.append(self.n)
        return False
ks = [H(i, i % 3) for i in range(30)]
d = {}
for k in ks:
    d[k] = 1
for k in ks:
    if k.n % 2 == 0:
        del d[k]
log.clear()
d[H(100, 1)] = 1
print(log)
log.clear()
print(H(200, 1) in d, log)
