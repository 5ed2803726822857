# A list never closed before the end of the file.
names = ["ann", "bob",
         "cy"
