# What print() leaves behind after a full collection (free lists empty): its
# *args tuple (kept by the tuple free list of its size, so a second print
# with as many arguments costs nothing) and, from the second write on, the
# text layer's list of pending writes (until the buffer is flushed).
import gc

gc.collect()
gc.collect()
counts = [gc.get_count()[0]]
print('y')
counts.append(gc.get_count()[0])
print('y', 'z')
counts.append(gc.get_count()[0])
print('y')
counts.append(gc.get_count()[0])
print()
counts.append(gc.get_count()[0])
print('a', 'b', 'c', sep='-', end='.\n')
counts.append(gc.get_count()[0])
print(counts)
gc.collect()
print('x')
gc.collect()
print('y')
print(gc.get_count())
