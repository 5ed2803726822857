"""Generate random test programs: gen3.py OUTDIR N SEED"""
import os
import random
import sys

out, N, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
os.makedirs(out, exist_ok=True)
R = random.Random(seed)

NAMES = ["a", "b", "c", "x", "y", "z", "n", "m", "val", "total", "item", "data"]


def const():
    k = R.random()
    if k < 0.3:
        return str(R.randint(0, 300))
    if k < 0.45:
        return repr(R.choice(["s", "hello", "k", "", "xyz"]))
    if k < 0.55:
        return R.choice(["None", "True", "False"])
    if k < 0.65:
        return repr(R.choice([1.5, 0.25, 2.0, -1.0, 3.14]))
    if k < 0.85:
        n = R.randint(0, 4)
        return "(" + ", ".join(const_simple() for _ in range(n)) + ("," if n == 1 else "") + ")"
    if k < 0.9:
        return repr(R.choice([b"ab", b"", b"x"]))
    return "-" + str(R.randint(1, 9))


def const_simple():
    k = R.random()
    if k < 0.6:
        return str(R.randint(0, 20))
    if k < 0.8:
        return repr(R.choice(["a", "b", "c"]))
    if k < 0.9:
        return R.choice(["None", "True"])
    return "(%d, %d)" % (R.randint(0, 5), R.randint(0, 5))


def expr(names, depth=0):
    k = R.random()
    if depth > 2 or k < 0.25:
        return const()
    if k < 0.45 and names:
        return R.choice(names)
    if k < 0.55:
        return "%s %s %s" % (expr(names, depth + 1), R.choice(["+", "*", "-", "=="]), expr(names, depth + 1))
    if k < 0.62:
        n = R.randint(1, 4)
        return "(" + ", ".join(expr(names, depth + 1) for _ in range(n)) + ("," if n == 1 else "") + ")"
    if k < 0.68:
        return "[" + ", ".join(expr(names, depth + 1) for _ in range(R.randint(0, 4))) + "]"
    if k < 0.73:
        v = R.choice(["i", "j", "q"])
        it = R.choice(["range(3)", "[1, 2, 3]", "(4, 5)"] + names)
        kind = R.random()
        if kind < 0.5:
            return "[%s for %s in %s]" % (expr(names + [v], depth + 1), v, it)
        if kind < 0.7:
            return "{%s for %s in %s}" % (expr(names + [v], depth + 1), v, it)
        if kind < 0.85:
            return "{%s: %s for %s in %s}" % (v, expr(names + [v], depth + 1), v, it)
        return "sum(%s for %s in %s)" % (v, v, it)
    if k < 0.78:
        p = R.choice(["u", "w"])
        return "(lambda %s: %s)" % (p, expr(names + [p], depth + 1))
    if k < 0.84:
        return "{%s}" % ", ".join("%r: %s" % (R.choice(["a", "b", "c", "d"]), expr(names, depth + 1)) for _ in range(R.randint(0, 3)))
    if k < 0.9:
        args = [expr(names, depth + 1) for _ in range(R.randint(0, 2))]
        if R.random() < 0.4:
            args.append("%s=%s" % (R.choice(["key", "sep", "k"]), expr(names, depth + 1)))
        return "%s(%s)" % (R.choice(["len", "str", "max", "print", "dict"]), ", ".join(args))
    if k < 0.92 and names:
        return "f'{%s}-%s'" % (R.choice(names), R.randint(0, 9))
    if k < 0.935:
        return "%s if %s else %s" % (expr(names, depth + 1), expr(names, depth + 1), expr(names, depth + 1))
    if k < 0.945:
        return "(%s %s %s)" % (expr(names, depth + 1), R.choice(["and", "or"]), expr(names, depth + 1))
    if k < 0.95 and names:
        return "%s(*%s, **%s)" % (R.choice(["print", "max"]), R.choice(["[1, 2, 3]", "(4,)"] + names), R.choice(["{}", "{'sep': ''}"]))
    if k < 0.955 and names:
        return "%s[%s:%s]" % (R.choice(names), R.randint(0, 3), R.choice(["", "-1", "5"]))
    if k < 0.96:
        return "not %s" % expr(names, depth + 1)
    if k < 0.97 and names:
        return "%s in %s" % (R.choice(names), R.choice(["[1, 2, 3]", "(1, 2)", "{1, 2, 3}"]))
    return const()


def params():
    n = R.randint(0, 3)
    ps = R.sample(["a", "b", "c", "d"], n)
    out = []
    ndef = R.randint(0, n)
    for i, p in enumerate(ps):
        if i >= n - ndef:
            out.append("%s=%s" % (p, const()))
        else:
            out.append(p)
    if R.random() < 0.15:
        out.append("*args")
        ps.append("args")
    if R.random() < 0.15:
        if "*args" not in out:
            out.append("*")
        kw = R.choice(["key", "flag"])
        out.append("%s=%s" % (kw, const()) if R.random() < 0.7 else kw)
        ps.append(kw)
    if R.random() < 0.1:
        out.append("**kw")
        ps.append("kw")
    return ps, out


def func(indent, name, names, depth, method=False):
    ps, decl = params()
    if method:
        ps = ["self"] + ps
        decl = ["self"] + decl
    lines = []
    if R.random() < 0.1:
        lines.append("%s@%s" % (indent, R.choice(["staticmethod", "property", "classmethod"] if method else ["print"])))
    lines.append("%sdef %s(%s):" % (indent, name, ", ".join(decl)))
    ind = indent + "    "
    if R.random() < 0.3:
        lines.append('%s"""Doc %s."""' % (ind, name))
    local = list(ps)
    body = block(ind, names + local, depth + 1, method=method, local=local)
    lines += body
    return lines


def block(ind, names, depth, method=False, local=None):
    lines = []
    for _ in range(R.randint(0, 3)):
        k = R.random()
        if k < 0.4:
            v = R.choice(NAMES)
            lines.append("%s%s = %s" % (ind, v, expr(names)))
            names = names + [v]
        elif k < 0.5 and method:
            lines.append("%sself.%s = %s" % (ind, R.choice(["x", "y", "items", "name"]), expr(names)))
        elif k < 0.6 and depth < 3:
            nm = R.choice(["inner", "helper", "g"])
            lines += func(ind, nm, names, depth)
            names = names + [nm]
        elif k < 0.7:
            v = R.choice(["i", "k"])
            lines.append("%sfor %s in %s:" % (ind, v, R.choice(["range(2)", "[1, 2, 3]", "(1, 2)"] + names[:2])))
            lines.append("%s    %s = %s" % (ind, R.choice(NAMES), expr(names + [v])))
        elif k < 0.72:
            lines.append("%sif %s:" % (ind, expr(names)))
            lines.append("%s    pass" % ind)
        elif k < 0.74:
            lines.append("%swhile %s:" % (ind, R.choice(["True", "False", "0", "n < 3"] + names[:1])))
            lines.append("%s    break" % ind)
        elif k < 0.76:
            lines.append("%stry:" % ind)
            lines.append("%s    %s = %s" % (ind, R.choice(NAMES), expr(names)))
            lines.append("%sexcept (ValueError, KeyError) as e:" % ind)
            lines.append("%s    %s" % (ind, expr(names)))
            if R.random() < 0.5:
                lines.append("%sfinally:" % ind)
                lines.append("%s    pass" % ind)
        elif k < 0.78:
            v = R.choice(NAMES)
            lines.append("%s%s = %s" % (ind, v, expr(names)))
            lines.append("%s%s %s= %s" % (ind, v, R.choice(["+", "*", "-"]), expr(names)))
        elif k < 0.79:
            lines.append("%sassert %s, %s" % (ind, expr(names), const()))
        elif k < 0.80 and depth > 0:
            lines.append("%sglobal %s" % (ind, R.choice(["G1", "G2"])))
        elif k < 0.82:
            lines.append("%smatch %s:" % (ind, expr(names)))
            for _ in range(R.randint(1, 3)):
                pat = R.choice(["1", "'s'", "None", "True", "[1, 2]", "(a, b)", "{'k': 1}", "{'k': v, **rest}",
                                "int()", "str(real=0)", "1 | 2", "[1, *r]", "(1 | 2) as z", "0.5"])
                guard = R.choice(["", "", " if %s" % expr(names)])
                lines.append("%s    case %s%s:" % (ind, pat, guard))
                lines.append("%s        %s = %s" % (ind, R.choice(NAMES), expr(names)))
            if R.random() < 0.5:
                lines.append("%s    case _:" % ind)
                lines.append("%s        pass" % ind)
        elif k < 0.83:
            lines.append("%sreturn %s" % (ind, expr(names)))
            lines.append("%s%s = %s" % (ind, R.choice(NAMES), expr(names)))
        else:
            lines.append("%s%s" % (ind, expr(names)))
    lines.append("%sreturn %s" % (ind, expr(names)))
    return lines


def cls(name):
    lines = ["class %s%s:" % (name, R.choice(["", "", "(object)", "(Exception)"]))]
    ind = "    "
    if R.random() < 0.3:
        lines.append('%s"""Class doc."""' % ind)
    n = 0
    for _ in range(R.randint(0, 3)):
        if R.random() < 0.3:
            lines.append("%s%s = %s" % (ind, R.choice(["attr", "LIMIT", "kind"]), const()))
            n += 1
    for i in range(R.randint(0, 3)):
        lines += func(ind, R.choice(["__init__", "get", "run", "m%d" % i]), [], 1, method=True)
        n += 1
    if n == 0:
        lines.append(ind + "pass")
    return lines


def program():
    lines = ["import gc", "print(gc.get_count())"]
    names = []
    for i in range(R.randint(1, 6)):
        k = R.random()
        if k < 0.35:
            nm = "f%d" % i
            lines += func("", nm, names, 0)
            names.append(nm)
        elif k < 0.6:
            nm = "C%d" % i
            lines += cls(nm)
            names.append(nm)
        elif k < 0.8:
            v = R.choice(NAMES)
            lines.append("%s = %s" % (v, expr(names)))
            names.append(v)
        elif k < 0.83:
            lines.append(R.choice(["from os import (path, sep)", "from sys import argv", "import sys", "import os.path",
                                   "G1 = G2 = 0", "del G1" if "G1" in names else "G1 = 1", "x, *y = (1, 2, 3)",
                                   "with open(__file__) as fh: pass", "for i, j in enumerate((1, 2)): pass",
                                   "gen = (i * 2 for i in range(3) if i)", "lst = [i for i in range(3) if i if not i]"]))
        else:
            lines.append(expr(names))
    return "\n".join(lines) + "\n"


for i in range(N):
    while True:
        src = program()
        try:
            compile(src, "p", "exec")
            break
        except SyntaxError:
            continue
    open(os.path.join(out, "g%03d.py" % i), "w").write(src)
