# Strings with combining marks, emoji, right-to-left text and surrogate escapes print as CPython prints them.
# exit: 0
# stdout: 'é' 2
# stdout: 😀 1
# stdout: 'שלום' 4
s = "e\u0301"
print(repr(s), len(s))
print("😀", len("😀"))
print(repr("שלום"), len("שלום"))
