# A bracketed call as an assignment target gets the "==" hint.
if True:
    (len(x)) = 3
