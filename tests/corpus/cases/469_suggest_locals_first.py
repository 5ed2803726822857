# 3.12 searches the frame's locals first, 3.13 locals, globals and built-ins together
def show():
    pritn = "local"
    printt(pritn)

show()
