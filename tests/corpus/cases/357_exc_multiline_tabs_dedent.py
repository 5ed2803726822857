# Tab-indented multi-line expressions: 3.13 dedents the lines together before drawing carets.
def pair(a, b):
	if a:
		return [a,
		        b][
			2]
	return None


print(pair(0, 1))
print(pair(1, 2))
