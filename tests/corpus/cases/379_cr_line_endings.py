# Line breaks as CPython's tokenizer reads them: "\r\n", and a lone "\r" (old Mac files).
x = [1,
     2]y = {}print(len(x))
y[x[0]]