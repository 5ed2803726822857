# hash() gives CPython's values (PYTHONHASHSEED=0): strings, ints (-1 is -2,
# big ones reduced modulo 2**61 - 1), floats, tuples, None, booleans.
for v in ["", "a", "gc", "hello world", "ß", "😀", 0, 1, -1, -2, 2**61 - 1, 2**61, 2**100, -2**70,
          0.5, 1.0, -1.5, 1e300, float("inf"), float("-inf"), (), (1, 2), ("a", (1, 2.5)), None, True, False]:
    print(repr(v), hash(v))
print(hash(1) == hash(1.0) == hash(True))
