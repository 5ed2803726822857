# String escapes and repr of strings with quotes and control characters.
s = 'tab\there'
print(s)
print(repr(s))
print(repr("it's"))
print(repr('say "hi"'))
print(repr('both \' and "'))
print('line1\nline2')
print(repr('\\'), len('\\'))
print(repr('caf\u00e9'), '\x41')
