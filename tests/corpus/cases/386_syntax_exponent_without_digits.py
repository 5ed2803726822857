# An exponent without digits: the caret is on the e.
size = 1e
