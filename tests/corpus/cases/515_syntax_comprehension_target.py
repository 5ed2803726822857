# Several items before a comprehension's "for" in [ ] or { }: CPython asks
# for parentheses and underlines the items (the last comma included).
pairs = [(1, 2)]
print([y, x for x, y in pairs])
