# Assorted builtins on lists.
nums = [5, 3, 8, 1]
print(len(nums), min(nums), max(nums), sum(nums), sorted(nums))
print(sorted(nums, reverse=True), sorted(['b', 'a', 'c']))
print(list(reversed(nums)), list(enumerate(nums, 1)))
print(list(zip(nums, 'abcd')), min(3, 1, 2), max('ab', 'b'))
print(sorted(nums, key=lambda v: -v))
print(bool([]), bool([0]), str(12), int(True), type(1.0).__name__)
print(isinstance(1, int), isinstance(True, int), isinstance('a', (int, str)))
