# Two call arguments with no comma between them.
name = "gc"
print("hello" name)
