# list methods.
lst = [3, 1, 2]
lst.append(4)
lst.insert(0, 0)
lst.extend([9, 8])
print(lst)
lst.sort()
print(lst, lst.index(3), lst.count(9))
lst.reverse()
print(lst, lst.pop(), lst.pop(0))
lst.remove(3)
print(lst, lst + [1], lst * 2 if len(lst) < 3 else len(lst * 2))
