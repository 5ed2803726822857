# Thousands of objects made and freed at every step (found by fuzzing): run to
# the page's step budget, its trace would outgrow the wasm module's memory, so
# a traced run stops at its event budget; untraced, it ends normally.
# exit: 0
# stdout: done
# traced-max-events: 100000
d = {}
for i in range(300):
    d[0] = dict(zip(range(1000), range(1000)))
print("done")
