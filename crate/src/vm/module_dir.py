"""Write module_dir.rs: the names CPython's built-ins and its modules gc, sys, weakref and time have,
and the attributes of the built-in types gcplay has.

    python3 crate/src/vm/module_dir.py PYTHON3.13 PYTHON3.12

gcplay models part of these modules. A program that reaches for a name CPython
has but gcplay does not model (`sys.getsizeof`, `weakref.WeakValueDictionary`)
is refused, as a program using unmodelled syntax is; a name neither has stays
CPython's AttributeError (NameError for a built-in: `map`). The table is the union of both interpreters' dir()
(started with -S, as the corpus is recorded), without dunder names.

The same holds for the attributes of the built-in types (`"a".casefold`,
`[].__sizeof__`): TYPE_DIR has, for each type gcplay has, the union of both
interpreters' dir() of the type, dunders included, stored once along a chain
of parents (a type lists only what its parent lacks; every chain ends at
`object`, whose names are the first row).
"""

import json
import subprocess
import sys

MODULES = ["builtins", "gc", "sys", "time", "weakref"]
PROBE = (
    "import " + ", ".join(MODULES) + "\n"
    "for m in (" + ", ".join(MODULES) + "):\n"
    "    print(' '.join(n for n in dir(m) if not n.startswith('__')))\n"
)


TYPE_PROBE = r'''
import builtins, json, sys, weakref
def gen():
    yield 1
def f():
    pass
class C:
    def m(self):
        pass
def closure():
    x = 1
    return lambda: x
try:
    raise ValueError
except ValueError as e:
    tb = e.__traceback__
types = {
    "object": object, "type": type, "NoneType": type(None), "NotImplementedType": type(NotImplemented),
    "int": int, "bool": bool, "float": float, "str": str, "list": list, "tuple": tuple, "dict": dict,
    "frozenset": frozenset, "set": set, "slice": slice, "range": range,
    "list_iterator": type(iter([])), "tuple_iterator": type(iter(())), "str_ascii_iterator": type(iter("")),
    "range_iterator": type(iter(range(1))), "list_reverseiterator": type(reversed([])), "reversed": reversed,
    "dict_keyiterator": type(iter({})), "dict_valueiterator": type(iter({}.values())),
    "dict_itemiterator": type(iter({}.items())), "set_iterator": type(iter(set())),
    "enumerate": enumerate, "zip": zip, "dict_keys": type({}.keys()), "dict_values": type({}.values()),
    "dict_items": type({}.items()), "module": type(sys), "builtin_function_or_method": type(len),
    "method_descriptor": type(list.append), "function": type(f), "method": type(C().m), "generator": type(gen()),
    "weakref.ReferenceType": weakref.ref, "finalize": weakref.finalize, "super": super,
    "code": type(f.__code__), "cell": type(closure().__closure__[0]), "frame": type(tb.tb_frame),
    "traceback": type(tb),
}
out = {name: dir(t) for name, t in types.items()}
for n in dir(builtins):
    t = getattr(builtins, n)
    if isinstance(t, type) and issubclass(t, BaseException) and t.__name__ == n:
        out[n] = dir(t)
        out["^" + n] = t.__base__.__name__ if t is not BaseException else "object"
print(json.dumps(out))
'''

# A type's parent in the table, where its names include all the parent's.
PARENTS = {
    "bool": "int", "set": "frozenset", "tuple_iterator": "list_iterator", "str_ascii_iterator": "list_iterator",
    "range_iterator": "list_iterator", "list_reverseiterator": "list_iterator", "reversed": "list_iterator",
    "dict_valueiterator": "dict_keyiterator", "dict_itemiterator": "dict_keyiterator",
    "set_iterator": "dict_keyiterator", "dict_items": "dict_keys", "method_descriptor": "builtin_function_or_method",
}


def type_rows(pythons):
    names, bases = {}, {}
    for python in pythons:
        out = json.loads(subprocess.run([python, "-S", "-c", TYPE_PROBE], capture_output=True, text=True, check=True).stdout)
        for k, v in out.items():
            if k.startswith("^"):
                bases[k[1:]] = v
            else:
                names.setdefault(k, set()).update(v)
    rows = []
    for t in names:
        parent = PARENTS.get(t) or bases.get(t) or "object"
        if t == "object":
            own = names[t]
            parent = ""
        else:
            if not names[parent] <= names[t]:
                parent = "object"
            own = names[t] - names[parent] - names["object"]
        # an exception type adding nothing to its base is found through the class's MRO
        if t in bases and not own and t != "BaseException":
            continue
        # listed by dir(type), but its descriptor raises AttributeError
        own.discard("__abstractmethods__")
        rows.append((t, parent, " ".join(sorted(own))))
    # exception types whose rows were left out: their children's parent skips them
    kept = {r[0] for r in rows}
    fixed = []
    for t, parent, own in rows:
        while parent and parent not in kept:
            parent = bases.get(parent, "object")
        fixed.append((t, parent, own))
    return fixed


def main() -> None:
    names = [set() for _ in MODULES]
    for python in sys.argv[1:]:
        out = subprocess.run([python, "-S", "-c", PROBE], capture_output=True, text=True, check=True).stdout
        for i, line in enumerate(out.splitlines()):
            names[i].update(line.split())
    lines = [
        "//! The names CPython 3.13's and 3.12's modules have, without dunders.",
        "//! Generated by module_dir.py; do not edit.",
        "",
        "/// (module, its names sorted and separated by spaces)",
        "pub(crate) const MODULE_DIR: &[(&str, &str)] = &[",
    ]
    for module, found in zip(MODULES, names):
        lines.append(f'    ("{module}", "{" ".join(sorted(found))}"),')
    lines.append("];")
    lines += [
        "",
        "/// (built-in type, the type whose names it also has, the names it adds),",
        "/// `object` first.",
        "pub(crate) const TYPE_DIR: &[(&str, &str, &str)] = &[",
    ]
    for t, parent, own in type_rows(sys.argv[1:]):
        lines.append(f'    ("{t}", "{parent}", "{own}"),')
    lines.append("];")
    lines += [
        "",
        "/// Whether CPython's module `module` has the name.",
        "pub(crate) fn has(module: &str, name: &str) -> bool {",
        "    MODULE_DIR.iter().any(|&(m, names)| m == module && names.split(' ').any(|n| n == name))",
        "}",
    ]
    lines += [
        "",
        "/// Whether CPython's built-in type `ty` (its tp_name) has the attribute;",
        "/// false for a type the table does not list.",
        "pub(crate) fn type_has(ty: &str, name: &str) -> bool {",
        "    let mut ty = ty;",
        "    while let Some(&(_, parent, names)) = TYPE_DIR.iter().find(|r| r.0 == ty) {",
        "        if names.split(' ').any(|n| n == name) {",
        "            return true;",
        "        }",
        "        if parent.is_empty() {",
        "            return false;",
        "        }",
        "        ty = parent;",
        "    }",
        "    false",
        "}",
    ]
    path = __file__.replace(".py", ".rs")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
