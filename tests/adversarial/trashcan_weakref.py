# A weak reference to an object the trashcan holds (its count is 0, it is not
# freed yet) gives None, as in CPython; found by fuzzing: it handed the dying
# object out again, which was then freed while still referenced. (How many
# nodes are still alive when __del__ runs depends on the trashcan's depth,
# which differs between versions; what they agree on is printed.)
# exit: 0
# stdout: kept alive: True
# stdout: after 0
import weakref

keep = []


class Node:
    pass


class D:
    def __del__(self):
        for r in refs:
            o = r()
            if o is not None:
                keep.append(o)


refs = []
head = Node()
n = head
for i in range(200):
    n.next = Node()
    n = n.next
    refs.append(weakref.ref(n))
n = None
t = (D(), head)
head = None
del t
print("kept alive:", len(keep) == sum(r() is not None for r in refs))
keep = None
print("after", sum(r() is not None for r in refs))
