# A name glued to a number.
first = 1
x = 2nd + first
