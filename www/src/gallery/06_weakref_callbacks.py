# Weak references and their callbacks
# A weakref does not keep its target alive; its callback runs when the target dies, right away when the count reaches zero, or during a collection for an object in a cycle.
import gc
import weakref


class Thing:
    def __init__(self, name):
        self.name = name


def gone(ref):
    print('callback: target gone, ref() is', ref())


plain = Thing('plain')
r1 = weakref.ref(plain, gone)
del plain  # count reaches zero: freed now, callback now
print('after del plain')

looped = Thing('looped')
looped.me = looped
r2 = weakref.ref(looped, gone)
del looped  # still alive: it refers to itself
print('after del looped, alive:', r2() is not None)
print('collected', gc.collect())
