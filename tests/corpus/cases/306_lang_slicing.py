# Slicing with negative indices and steps.
lst = list(range(10))
print(lst[2:5], lst[:3], lst[7:], lst[-3:], lst[::3], lst[::-1])
print(lst[8:2:-2], lst[-1:-4:-1], lst[100:], lst[:-100])
s = 'abcdefg'
print(s[1:4], s[::-1], s[::2], s[-2:])
t = (1, 2, 3, 4)
print(t[1:3], t[::-1])
lst[2:4] = ['a', 'b', 'c']
print(lst)
