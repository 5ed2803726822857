# A parse error first, then an unterminated string: CPython reports the string.
x = 1 +
y = 'abc
