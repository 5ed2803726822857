# Subscripts whose brackets span lines: 3.13 draws ^ from the [ to the ] across every line.
grid = {'row': [1, 2, 3]}
print(grid['row'][
    2
])
cell = grid['row'][
    len(grid)
    + 4
]
print(cell)
