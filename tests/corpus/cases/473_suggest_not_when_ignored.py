# "Exception ignored in" reports have no suggestion; the uncaught traceback has one
class Node:
    value = 1

    def __del__(self):
        print(self.vlaue)

n = Node()
del n
print("after")
Node.vale
