# An unterminated string whose end quote was escaped (3.13 adds a hint, 3.12 does not).
path = "C:\\temp\"
print(path)
