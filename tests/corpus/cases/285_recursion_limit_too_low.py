# setrecursionlimit rejects values below 1.
import sys

for v in [0, -5]:
    try:
        sys.setrecursionlimit(v)
    except ValueError as e:
        print('ValueError:', e)
print(sys.getrecursionlimit())
