"""Turn a trace log into abstract events and check a free-list simulation reproduces the count."""
import sys, re

DICT_ALLOC = ("new_dict", "PyDict_New", "_PyDict_NewPresized", "dict_new", "new_dict_with_shared_keys")
OTHER_TYPES = [("make_new_set", "set"), ("PySet_New", "set"), ("inst_seq_create", "instseq"),
               ("PyFunction_New", "func"), ("_PyFunction_FromConstructor", "func"), ("type_new", "type"),
               ("PyCell_New", "cell"), ("_PyObject_New", "obj")]


def parse(path):
    lines = open(path).read().splitlines()
    start = end = None
    events = []  # (abstract, phase, stack)
    phase = "pre"
    pending = None  # ('tuple', n) waiting for a count+1
    for ln in lines:
        if ln.startswith("START"):
            m = re.match(r"START c=(\d+) tuples=\[(.*)\] lists=(\d+) dicts=(\d+)", ln)
            start = (int(m.group(1)), [int(x) for x in m.group(2).split(",")], int(m.group(3)), int(m.group(4)))
            continue
        if ln.startswith("END"):
            m = re.match(r"END c=(\d+) tuples=\[(.*)\] lists=(\d+) dicts=(\d+)", ln)
            end = (int(m.group(1)), [int(x) for x in m.group(2).split(",")], int(m.group(3)), int(m.group(4)))
            continue
        if ln.startswith("MARK"):
            tag = ln.split()[1]
            events.append(("MARK", tag, ""))
            if tag in ("COMPILE", "RUN", "SYMTABLE", "COMPILER_MOD", "PEGEN_RUN"):
                phase = tag
            continue
        head, _, st = ln.partition(" | ")
        parts = head.split()
        kind = parts[0]
        if kind == "TUP_alloc":
            n = int(parts[2][2:]); nf = int(parts[3][3:])
            events.append(("T%d+" % n, phase, st))
        elif kind == "TUP_dealloc":
            n = int(parts[2][2:])
            events.append(("T%d-" % n, phase, st))
        elif kind in ("LIST_new", "LIST_dealloc"):
            pass
        elif kind == "W_dictfl":
            d = int(parts[1])
            # dict free list change: pop = alloc dict (from fl); push = free dict
            events.append(("D+fl" if d < 0 else "D-fl", phase, st))
        elif kind == "W_listfl":
            d = int(parts[1])
            events.append(("L+" if d < 0 else "L-", phase, st))
        elif kind == "W_count":
            d = int(parts[1])
            frames = st.split("<")
            if d > 0:
                # explained by a preceding T/L alloc?
                prev = events[-1][0] if events else ""
                if re.match(r"T\d+\+$", prev) and "tuple_alloc" in frames[:6]:
                    continue
                if any(f in ("PyList_New", "list_new_prealloc", "_PyList_FromArraySteal", "list_vectorcall", "list___init__") for f in frames[:6]):
                    events.append(("L+", phase, st))
                    continue
                if any(f in DICT_ALLOC for f in frames[:6]):
                    events.append(("D+", phase, st))
                    continue
                typ = "?"
                for f in frames:
                    for k, t in OTHER_TYPES:
                        if f == k:
                            typ = t
                            break
                    if typ != "?":
                        break
                events.append(("O+" + typ, phase, st))
            else:
                if frames[1:2] == ["tupledealloc"]:
                    continue  # big tuple (no free list): already counted by its T-n event
                if True:
                    typ = "?"
                    for f in frames:
                        if f in ("set_dealloc",):
                            typ = "set"; break
                        if f in ("inst_seq_dealloc",):
                            typ = "instseq"; break
                        if f in ("func_dealloc",):
                            typ = "func"; break
                    events.append(("O-" + typ, phase, st))
    return start, end, events


def simulate(start, evs, maxt=2000, maxl=80, maxd=80):
    c, t, l, d = start[0], list(start[1]), start[2], start[3]
    for e in evs:
        if e.startswith("T") and e.endswith("+"):
            n = int(e[1:-1])
            if 1 <= n <= 20 and t[n - 1] > 0:
                t[n - 1] -= 1
            else:
                c += 1
        elif e.startswith("T") and e.endswith("-"):
            n = int(e[1:-1])
            if 1 <= n <= 20 and t[n - 1] < maxt:
                t[n - 1] += 1
            elif c > 0:
                c -= 1
        elif e == "L+":
            if l > 0:
                l -= 1
            else:
                c += 1
        elif e == "L-":
            if l < maxl:
                l += 1
            elif c > 0:
                c -= 1
        elif e in ("D+", "D+fl"):
            if d > 0:
                d -= 1
            else:
                c += 1
        elif e in ("D-", "D-fl"):
            if d < maxd:
                d += 1
            elif c > 0:
                c -= 1
        elif e.startswith("O+"):
            c += 1
        elif e.startswith("O-"):
            if c > 0:
                c -= 1
    return c, t, l, d


def norm(events):
    out = []
    for e, ph, st in events:
        if e == "MARK":
            continue
        if e == "D+fl":
            e = "D+"
        if e == "D-fl":
            e = "D-"
        out.append(e)
    return out


if __name__ == "__main__":
    start, end, events = parse(sys.argv[1])
    ev = norm(events)
    sim = simulate(start, ev)
    print("start", start)
    print("end  ", end)
    print("sim  ", sim, "OK" if sim[0] == end[0] and sim[1] == end[1] and sim[2] == end[2] and sim[3] == end[3] else "MISMATCH")
    if len(sys.argv) > 2:
        for e, ph, st in events:
            if e == "MARK":
                print("   --", ph)
            else:
                print("%-8s %-12s %s" % (e, ph, "<".join(st.split("<")[:6])))
