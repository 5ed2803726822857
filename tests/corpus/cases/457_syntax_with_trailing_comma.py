# A trailing comma in a with statement: the error is at the colon.
with open("data.txt") as f, :
    print(f.read())
