# Tabs and spaces mixed in one block's indentation.
if True:
        x = 1
	y = 2
