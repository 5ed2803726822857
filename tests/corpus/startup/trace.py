# gdb -batch -nx -x trace.py --args python -S prog.py ; env TRACE_OUT
import gdb, os

OUT = open(os.environ.get("TRACE_OUT", "trace.log"), "w")
gdb.execute("set breakpoint pending on")
gdb.execute("set pagination off")
gdb.execute("set confirm off")

V13 = None
INTERP = "_PyRuntime.interpreters.main"


def ev(e):
    return gdb.parse_and_eval(e)


def fl_expr(kind):
    if V13:
        base = INTERP + "->object_state.freelists"
        return {"tuple": base + ".tuples.numfree", "list": base + ".lists.numfree", "dict": base + ".dicts.numfree"}[kind]
    return {"tuple": INTERP + "->tuple.numfree", "list": INTERP + "->list.numfree", "dict": INTERP + "->dict_state.numfree"}[kind]


def count():
    return int(ev(INTERP + "->gc.generations[0].count"))


SKIP = {"_PyObject_GC_Link", "gc_alloc", "_PyObject_GC_New", "_PyObject_GC_NewVar", "PyObject_GC_Del",
        "_PyType_AllocNoTrack", "PyType_GenericAlloc", "tuple_alloc", "PyTuple_New", "tupledealloc",
        "subtype_dealloc", "_Py_Dealloc", "Py_DECREF", "_Py_DECREF", "Py_XDECREF", "_Py_XDECREF",
        "Py_DecRef", "_PyObject_GC_NewVar", "PyObject_GC_UnTrack", "list_dealloc", "dict_dealloc",
        "set_dealloc", "_Py_DECREF_SPECIALIZED", "_Py_NewReference", "new_dict", "PyList_New", "PyDict_New",
        "free_keys_object", "dictkeys_decref", "_PyTuple_FromArray", "PyTuple_Pack", "make_new_set",
        "PySet_New", "maybe_freelist_pop", "maybe_freelist_push", "_PyList_FromArraySteal", "new_dict_with_shared_keys",
        "_PyObject_GC_Link"}


STOPAT = {"_PyAST_Compile", "run_mod", "pyrun_file", "_PyEval_EvalFrameDefault"}
def stack(n=14):
    f = gdb.newest_frame()
    names = []
    while f is not None and len(names) < n:
        nm = f.name() or "?"
        names.append(nm)
        if nm in STOPAT:
            break
        f = f.older()
    return "<".join(names)


active = False
state = {}


def snapshot():
    t = [int(x) for x in (ev(fl_expr("tuple")))[i] for i in range(20)] if False else None
    arr = ev(fl_expr("tuple"))
    t = [int(arr[i]) for i in range(20)]
    return {"t": t, "l": int(ev(fl_expr("list"))), "d": int(ev(fl_expr("dict"))), "c": count()}


def log(kind, extra=""):
    OUT.write("%s c=%d %s | %s\n" % (kind, count(), extra, stack()))


class Marker(gdb.Breakpoint):
    def __init__(self, spec, tag, action=None):
        super().__init__(spec, internal=True)
        self.tag = tag
        self.action = action

    def stop(self):
        global active
        if self.action == "start":
            active = True
            s = snapshot()
            OUT.write("START c=%d tuples=%s lists=%d dicts=%d\n" % (s["c"], s["t"], s["l"], s["d"]))
            for w in WATCH:
                w.last = int(ev(w.expr))
                w.enabled = True
            for b in BPS:
                b.enabled = True
            return False
        if not active:
            return False
        if self.action == "end":
            s = snapshot()
            OUT.write("END c=%d tuples=%s lists=%d dicts=%d\n" % (s["c"], s["t"], s["l"], s["d"]))
            active = False
            for w in WATCH:
                w.enabled = False
            for b in BPS:
                b.enabled = False
            OUT.flush()
            return False
        extra = ""
        if self.tag.startswith("ENTER_SCOPE"):
            try:
                extra = str(gdb.parse_and_eval("name"))
            except Exception:
                pass
        OUT.write("MARK %s %s\n" % (self.tag, extra))
        return False


class TupleBP(gdb.Breakpoint):
    def __init__(self, spec, kind):
        super().__init__(spec, internal=True)
        self.kind = kind
        self.enabled = False

    def stop(self):
        if not active:
            return False
        try:
            if self.kind == "alloc":
                n = int(gdb.parse_and_eval("size"))
            else:
                n = int(gdb.parse_and_eval("op->ob_base.ob_size"))
        except Exception as e:
            n = -1
        arr = ev(fl_expr("tuple"))
        nf = int(arr[n - 1]) if 1 <= n <= 20 else -1
        log("TUP_" + self.kind, "n=%d nf=%d" % (n, nf))
        return False


class ListBP(gdb.Breakpoint):
    def __init__(self, spec, kind):
        super().__init__(spec, internal=True)
        self.kind = kind
        self.enabled = False

    def stop(self):
        if not active:
            return False
        log("LIST_" + self.kind, "nf=%d" % int(ev(fl_expr("list"))))
        return False


class Watch(gdb.Breakpoint):
    def __init__(self, expr, tag):
        addr = int(ev("(long)&(" + expr + ")"))
        self.expr = "*(int*)%d" % addr
        super().__init__(self.expr, gdb.BP_WATCHPOINT, gdb.WP_WRITE, internal=True)
        self.tag = tag
        self.last = int(ev(self.expr))
        self.enabled = False

    def stop(self):
        v = int(ev(self.expr))
        d = v - self.last
        self.last = v
        if active and d != 0:
            log("W_%s %+d" % (self.tag, d), "now=%d" % v)
        return False


WATCH = []
BPS = []


def setup():
    global V13
    V13 = "3.13" in gdb.current_progspace().filename or any("3.13" in (o.filename or "") for o in gdb.objfiles())
    Marker("_PyParser_ASTFromFile", "PARSE", "start")
    Marker("run_eval_code_obj", "RUN", None)
    Marker("gc_get_count", "END", "end")
    for fn, tag in [("_PyAST_Compile", "COMPILE"), ("_PySymtable_Build", "SYMTABLE"), ("_PyAST_Optimize", "OPTIMIZE"),
                    ("compiler_enter_scope", "ENTER_SCOPE"), ("compiler_exit_scope", "EXIT_SCOPE"),
                    ("symtable_enter_block", "ST_ENTER"), ("symtable_analyze", "ST_ANALYZE"),
                    ("makecode", "MAKECODE"), ("_PyCfg_OptimizeCodeUnit", "CFG_OPT"),
                    ("optimize_and_assemble", "OPT_ASSEMBLE"), ("_PyAssemble_MakeCodeObject", "ASSEMBLE"),
                    ("compiler_mod", "COMPILER_MOD"), ("compiler_setup", "COMPILER_SETUP"),
                    ("_PyPegen_run_parser", "PEGEN_RUN"), ("_PyFuture_FromAST", "FUTURE"),
                    ("compiler_function", "C_FUNCTION"), ("compiler_class", "C_CLASS"),
                    ("compiler_lambda", "C_LAMBDA"), ("compiler_comprehension", "C_COMPREHENSION"),
                    ("_PyCode_New", "CODE_NEW"), ("compiler_free", "COMPILER_FREE"),
                    ("_PyArena_Free", "ARENA_FREE"), ("_PySymtable_Free", "ST_FREE"),
                    ("compiler_unit_free", "UNIT_FREE")]:
        try:
            Marker(fn, tag)
        except Exception as e:
            OUT.write("no marker %s: %s\n" % (fn, e))
    BPS.extend([TupleBP("tuple_alloc", "alloc"), TupleBP("tupledealloc", "dealloc"),
                ListBP("PyList_New", "new"), ListBP("list_dealloc", "dealloc")])


class StartBP(gdb.Breakpoint):
    def stop(self):
        global V13
        if not WATCH:
            V13 = any("3.13" in (o.filename or "") for o in gdb.objfiles())
            WATCH.append(Watch(INTERP + "->gc.generations[0].count", "count"))
            WATCH.append(Watch(fl_expr("dict"), "dictfl"))
            WATCH.append(Watch(fl_expr("list"), "listfl"))
            for w in WATCH:
                w.enabled = False
        return False


setup()
StartBP("Py_RunMain", internal=True)
gdb.execute("run")
OUT.close()
