# List, dict and set comprehensions and generator expressions.
sq = [i * i for i in range(6) if i % 2 == 0]
print(sq)
pairs = [(i, j) for i in range(3) for j in range(i)]
print(pairs)
d = {i: str(i) for i in range(3)}
print(d)
s = {i % 3 for i in range(10)}
print(sorted(s))
print(sum(i for i in range(101)))
print(any(x > 4 for x in sq), all(x >= 0 for x in sq))
