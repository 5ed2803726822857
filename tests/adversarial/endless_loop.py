# Never ends: stopped by the step budget.
# exit: 1
# stderr-has: steps and was stopped
n = 0
while True:
    n += 1
