# Bytes literals hold ASCII only: the whole literal is underlined (3.12 counts bytes).
data = b"café"
