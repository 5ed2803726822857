# gc.collect with an invalid generation raises ValueError.
import gc

try:
    gc.collect(3)
except ValueError as e:
    print('ValueError:', e)
try:
    gc.collect(-1)
except ValueError as e:
    print('ValueError:', e)
print(gc.collect(generation=2) >= 0)
