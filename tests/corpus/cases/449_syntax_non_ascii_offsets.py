# A missing comma after non-ASCII text: 3.12 counts the caret's offsets in bytes, 3.13 in characters.
prices = ["café", 2.5 "thé", 3.0]
