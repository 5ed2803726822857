# Arguments of the wrong count or type to str's methods: each version's
# message (the argument clinic's, _PyArg_CheckPositional's, or the method's
# own), checked before the string is looked at.
calls = [lambda: "a".strip(1), lambda: "a".strip("a", "b"), lambda: "a".split(1),
         lambda: "a".split("a", 1, 2), lambda: "a".find(1), lambda: "a".find(None),
         lambda: "a".find(), lambda: "a".count("a", 1, 2, 3), lambda: "a".replace("a"),
         lambda: "a".replace("a", None), lambda: "a".replace(1, 2, 3, 4),
         lambda: "a".startswith(1), lambda: "ab".startswith(("a", 2)),
         lambda: "ab".startswith(("b", 2)), lambda: "a".endswith(), lambda: "a".center(),
         lambda: "a".center(3, 1), lambda: "a".ljust(3, "ab"), lambda: "a".rjust(1, 2, 3),
         lambda: "a".join(1), lambda: "a".join(None), lambda: "a".splitlines(1, 2),
         lambda: [].sort(1), lambda: [].sort(1, 2, 3), lambda: {}.update(1, 2)]
for call in calls:
    try:
        print(call())
    except TypeError as e:
        print(e)
