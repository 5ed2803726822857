# str's case mappings and character tests follow Python's Unicode database:
# full mappings (ß, ligatures), title case (ǅ), the final sigma, digits and
# spaces beyond ASCII.
words = ["straße", "ﬁne", "ǆemal", "ΟΔΟΣ ΟΔΟΣ.", "ὈΔΥΣΣΕΎΣ", "İstanbul", "ǈubljana", "MASSE", "ŉ", "A\u0345Σ"]
for w in words:
    print(w.upper(), w.lower(), w.title(), w.capitalize(), w.swapcase())
for w in words:
    print(w.isupper(), w.islower(), w.istitle(), w.isalpha())
for s in ["٣٤", "²", "Ⅻ", "½", "12", "1.5", "x1", "ǅ", "", "\u0301"]:
    print(repr(s), s.isdigit(), s.isdecimal(), s.isnumeric(), s.isalnum(), s.isalpha())
for s in [" \t\n", "\x1c\x1d\x1e\x1f", "\xa0\u2003\u3000", "\u200b", "\x85", ""]:
    print(repr(s), s.isspace(), s.split(), repr(s.strip()), s.isprintable())
print("a\u2028b\rc\r\nd\x0be\x0cf\x1cg\x85h".splitlines())
print("one\r\ntwo\nthree".splitlines(True))
print("x\n\ny\n".splitlines(keepends=True))
