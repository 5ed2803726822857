# A closing bracket of the wrong kind, on another line.
x = [1, 2,
     3)
