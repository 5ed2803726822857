# Forty megabytes of output: kept up to the bound, then one notice; the program goes on.
# exit: 0
# stdout-ends: [gcplay: output past 16 MiB is not shown]
for i in range(40):
    print("x" * 1000000)
print("done")
