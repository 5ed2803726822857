# break outside any loop (in a for loop's else clause).
for i in range(3):
    pass
else:
    break
