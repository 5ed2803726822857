# A string literal missing its closing quote.
msg = "hello
print(msg)
