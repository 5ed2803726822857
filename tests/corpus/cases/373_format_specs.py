# format() and f-string specs as CPython applies them: alignment, fill, sign,
# '#', zero padding, grouping, precision and every type letter, for ints,
# floats (inf and nan too) and strs; ascii() and !a.
vals = [0, 7, -42, 255, 10**20, True, 0.0, -0.0, 1.5, -2.25, 3.14159, 1e20, 1e-7, 123456789.0, 0.0001, 2.5, 1e16, float("inf"), float("-inf"), float("nan"), "abc", "é"]
specs = ["", "5", "<6", ">6", "^7", "*^9", "=8", "+", " ", "-", "05", "08.3f", ",", "_", ",.2f", "x", "#x", "#010x", "X", "o", "#o", "b", "#b", "_b", "_x", "c", "d", "n",
         "e", "E", ".2e", "#.0e", "f", "F", ".0f", "#.0f", ".3f", "g", "G", ".3g", "#.3g", "#g", ".10g", "%", ".1%", ".3", "10.4", "s", ".2s", "10", "010", "+.2f", "=+10.2f", ",d", "3.1"]
for v in vals:
    for s in specs:
        try:
            r = format(v, s)
        except Exception as e:
            r = type(e).__name__ + ": " + str(e)
        print(repr(v), repr(s), repr(r))
print(f"{'é'!a} {3.5!a} {'x'!r:>5}")
print(ascii("é😀"), ascii([1, 'ü']))
