# repr escapes what is not printable as Python's Unicode database has it:
# \x.. below U+0100, \u.... below U+10000, \U........ above.
samples = ["\xa0", "\xad", "é", "\u200b", "\u2028", "\ufeff", "\U0001f600", "\U000e0001",
           "\ue000", "\U0010ffff", "\u0378", "\u31ef", "\U0002ebf0", "\u2ffc", "tab\there", "\x7f\x80\x9f"]
for s in samples:
    print(repr(s), s.isprintable(), len(s))
print([s for s in samples if s.isprintable()])
d = {"\u200b": 1, "ok": "\xa0"}
print(d)
try:
    int("\u0663\u0664x")
except ValueError as e:
    print(e)
