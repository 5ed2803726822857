# Each finalizer makes two more objects with finalizers, so frees nest past
# the trashcan's depth while the allocations start collections (found by
# fuzzing: the collector freed an object the trashcan held a second time).
# exit: 1
# stderr-has: steps and was stopped
class X:
    def __del__(self):
        more = [X(), X()]


c = [X()]
c.pop()
print("not reached")
