"""Predict gc.get_count()[0] at the first statement (after `import gc`) of a program run with
`python -S prog.py`, by simulating the compile-time allocations of free-listed objects.

Run it with the interpreter being predicted (3.13.0 or 3.12.1):
    PYTHONHASHSEED=0 $(pyenv prefix 3.13.0)/bin/python3 predict.py prog.py [--events]

Event alphabet (see FINDINGS.md): "Tn+"/"Tn-" tuple of size n allocated/freed (free list per
size), "L+"/"L-" list, "D+"/"D-" dict (free lists of 80), "O+"/"O-" other GC object.
Phases, in order: [unicodedata import by the parser] -> compiler setup -> AST optimizer ->
symbol table -> codegen (per unit: enter, body, exit = CFG folds, assemble, makecode, free)
-> compiler_free -> fixed RUN list (import gc ...) with the automatic-collection model.
The program's own code objects (co_consts, co_names, bytes tables) come from compile().
"""
import ast
import json
import os
import sys

V = sys.version_info[:2]
HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------- start state
# Measured at entry of _PyParser_ASTFromFile (python -S file.py, any program).
if V == (3, 13):
    START = dict(count=488, tuples=[6, 4, 2, 5, 1, 3, 2, 5, 1, 0, 3, 4, 3, 1, 2, 2, 1, 2, 2, 0], lists=6, dicts=2)
else:
    START = dict(count=477, tuples=[3, 2, 2, 2, 1, 3, 0, 0, 0, 0, 1, 0, 1, 1, 0, 0, 1, 0, 0, 0], lists=6, dicts=3)
MAXT, MAXL, MAXD = 2000, 80, 80
THRESHOLD = int(os.environ.get("GC_THRESH", 2000 if V == (3, 13) else 700))


class Sim:
    def __init__(self):
        self.c = START["count"]
        self.t = list(START["tuples"])
        self.l = START["lists"]
        self.d = START["dicts"]
        self.log = []

    label = ""
    scheduled = False

    def ev(self, e):
        self.log.append(e + " " + self.label)
        before = self.c
        self._ev(e)
        if self.c > before and self.c > THRESHOLD:
            self.scheduled = True

    def _ev(self, e):
        k = e[0]
        if k == "T":
            n = int(e[1:-1])
            if n == 0:
                return
            if e[-1] == "+":
                if 1 <= n <= 20 and self.t[n - 1] > 0:
                    self.t[n - 1] -= 1
                else:
                    self.c += 1
            else:
                if 1 <= n <= 20 and self.t[n - 1] < MAXT:
                    self.t[n - 1] += 1
                elif self.c > 0:
                    self.c -= 1
        elif k == "L":
            if e[-1] == "+":
                if self.l > 0:
                    self.l -= 1
                else:
                    self.c += 1
            else:
                if self.l < MAXL:
                    self.l += 1
                elif self.c > 0:
                    self.c -= 1
        elif k == "D":
            if e[-1] == "+":
                if self.d > 0:
                    self.d -= 1
                else:
                    self.c += 1
            else:
                if self.d < MAXD:
                    self.d += 1
                elif self.c > 0:
                    self.c -= 1
        elif k == "O":
            if e[-1] == "+":
                self.c += 1
            elif self.c > 0:
                self.c -= 1

    def T(self, n, sign):
        if n > 0:
            self.ev("T%d%s" % (n, sign))


# ------------------------------------------------------------ constant keys
def const_key(sim, o):
    """Emit the allocations of _PyCode_ConstantKey(o); return (value, owned tuple sizes)."""
    if o is None or o is Ellipsis or type(o) in (int, str) or hasattr(o, "co_code"):
        return (o, [])
    if type(o) is bool or type(o) is bytes:
        sim.T(2, "+")
        return (("K", type(o).__name__, o), [2])
    if type(o) is float:
        if o == 0.0 and str(o).startswith("-"):
            sim.T(3, "+")
            return (("K", "float", o, None), [3])
        sim.T(2, "+")
        return (("K", "float", o), [2])
    if type(o) is complex:
        import math
        rz = o.real == 0.0 and math.copysign(1.0, o.real) < 0
        iz = o.imag == 0.0 and math.copysign(1.0, o.imag) < 0
        if rz or iz:
            sim.T(3, "+")
            return (("K", "complex", o, (rz, iz)), [3])
        sim.T(2, "+")
        return (("K", "complex", o), [2])
    if type(o) is tuple:
        n = len(o)
        sim.T(n, "+")
        sizes = [n] if n else []
        items = []
        for it in o:
            v, s = const_key(sim, it)
            items.append(v)
            sizes += s
        sim.T(2, "+")
        return (("K", "tuple", tuple(items), o), [2] + sizes)
    if type(o) is frozenset:
        # tuple of item keys -> frozenset of keys (O, count-neutral here) -> tuple freed
        n = len(o)
        sim.T(n, "+")
        items = []
        sizes = []
        for it in o:
            v, s = const_key(sim, it)
            items.append(v)
            sizes += s
        sim.T(n, "-")
        sim.T(2, "+")
        return (("K", "frozenset", frozenset(items), o), [2] + sizes)
    sim.T(2, "+")
    return (("K", "id", id(o)), [2])


def free_sizes(sim, sizes):
    for n in sizes:
        sim.T(n, "-")


class Cache:
    def __init__(self, sim):
        self.sim = sim
        self.keys = {}  # val -> sizes
        self.merged_frozensets = []

    def _insert(self, val, sizes):
        try:
            if val in self.keys:
                return False
        except TypeError:
            return True
        self.keys[val] = sizes
        return True

    def add_const_new(self, o, owned_size):
        """ADDOP_LOAD_CONST_NEW(o) for a tuple just built by the compiler: on a hit o is freed too."""
        if self.add_const(o) is False and owned_size:
            self.sim.T(owned_size, "-")

    def add_const(self, o):
        """compiler_add_const / merge_consts_recursive (LOAD_CONST at codegen)."""
        self.sim.label = "add_const:%r" % (o,)
        if o is None or o is Ellipsis:
            return
        val, sizes = const_key(self.sim, o)
        if not self._insert(val, sizes):
            free_sizes(self.sim, sizes)
            return False
        # newly registered: merge the items too (const_cache_insert(..., recursive=true))
        if type(o) is tuple:
            for it in o:
                self.add_const(it)
        elif type(o) is frozenset and len(o):
            self.sim.T(len(o), "+")
            for it in o:
                self.add_const(it)
            self.sim.ev("O+")  # merged frozenset embedded in the key, ends up in co_consts
            self.merged_frozensets.append(o)
            self.sim.T(len(o), "-")

    def merge_one(self, o, owned_size=None):
        """_PyCompile_ConstCacheMergeOne(&o): on a hit the new key and (if owned) o are freed."""
        val, sizes = const_key(self.sim, o)
        if not self._insert(val, sizes):
            free_sizes(self.sim, sizes)
            if owned_size is not None:
                self.sim.T(owned_size, "-")
            return False
        return True

    def free_all(self, code=None):
        for val, sizes in self.keys.items():
            free_sizes(self.sim, sizes)
        # a merged frozenset survives only if some final co_consts holds it (a constant in code
        # the CFG removed as unreachable is dropped with the cache)
        kept = []

        def walk(c):
            for v in c:
                if type(v) is frozenset:
                    kept.append(v)
                elif type(v) is tuple:
                    walk(v)
                elif hasattr(v, "co_consts"):
                    walk(v.co_consts)
        if code is not None:
            walk(code.co_consts)
        for fs in self.merged_frozensets:
            if fs in kept:
                kept.remove(fs)
            else:
                self.sim.ev("O-")


# ------------------------------------------------------------ AST helpers
def is_const(e):
    return isinstance(e, ast.Constant)


MAX_INT_SIZE, MAX_COLLECTION_SIZE, MAX_STR_SIZE, MAX_TOTAL_ITEMS = 128, 256, 4096, 1024


class _NoFold(Exception):
    pass


def _check_complexity(obj, limit):
    if type(obj) is tuple:
        limit -= len(obj)
        for it in obj:
            if limit < 0:
                break
            limit = _check_complexity(it, limit)
        return limit
    if type(obj) is frozenset:
        limit -= len(obj)
        for it in obj:
            if limit < 0:
                break
            limit = _check_complexity(it, limit)
    return limit


def _nbits(v):
    return abs(v).bit_length()


def safe_multiply(v, w):
    if isinstance(v, int) and isinstance(w, int) and v and w:
        if _nbits(v) + _nbits(w) > MAX_INT_SIZE:
            raise _NoFold
    elif isinstance(v, int) and isinstance(w, (tuple, frozenset)):
        size = len(w)
        if size:
            n = v
            if n < 0 or n > MAX_COLLECTION_SIZE // size:
                raise _NoFold
            if n and _check_complexity(w, MAX_TOTAL_ITEMS // n) < 0:
                raise _NoFold
    elif isinstance(v, int) and isinstance(w, (str, bytes)):
        size = len(w)
        if size:
            if v < 0 or v > MAX_STR_SIZE // size:
                raise _NoFold
    elif isinstance(w, int) and isinstance(v, (tuple, frozenset, str, bytes)):
        return safe_multiply(w, v)
    return v * w


def safe_power(v, w):
    if isinstance(v, int) and isinstance(w, int) and v and w > 0:
        if _nbits(v) > MAX_INT_SIZE // w:
            raise _NoFold
    return pow(v, w)


def safe_lshift(v, w):
    if isinstance(v, int) and isinstance(w, int) and v and w:
        if w < 0:
            raise OverflowError  # PyLong_AsSize_t fails: an exception is created
        if w > MAX_INT_SIZE or _nbits(v) > MAX_INT_SIZE - w:
            raise _NoFold
    return v << w


def safe_mod(v, w):
    if isinstance(v, (str, bytes)):
        raise _NoFold
    return v % w


import operator
BINOPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: safe_multiply, ast.Div: operator.truediv,
          ast.FloorDiv: operator.floordiv, ast.Mod: safe_mod, ast.Pow: safe_power, ast.LShift: safe_lshift,
          ast.RShift: operator.rshift, ast.BitOr: operator.or_, ast.BitXor: operator.xor, ast.BitAnd: operator.and_}
UNOPS = {ast.USub: operator.neg, ast.UAdd: operator.pos, ast.Invert: operator.invert, ast.Not: operator.not_}


def _result(sim, node, fn, operands):
    """make_const(fn(*operands)): new tuple results allocate; an exception allocates its args tuple."""
    import warnings
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            r = fn(*operands)
    except _NoFold:
        return node
    except Exception:
        sim.T(1, "+")  # exception args tuple
        sim.T(1, "-")
        return node
    if type(r) is tuple and not any(r is o for o in operands):
        sim.T(len(r), "+")
    return ast.copy_location(ast.Constant(r), node)


def make_const_tuple(sim, elts):
    if all(is_const(e) for e in elts):
        t = tuple(e.value for e in elts)
        sim.T(len(t), "+")
        return t
    return None


def fold_iter(sim, arg):
    if isinstance(arg, ast.List):
        if any(isinstance(e, ast.Starred) for e in arg.elts):
            return arg
        new = ast.copy_location(ast.Tuple(arg.elts, arg.ctx), arg)
        t = make_const_tuple(sim, arg.elts)
        if t is not None:
            return ast.copy_location(ast.Constant(t), arg)
        return new
    if isinstance(arg, ast.Set):
        t = make_const_tuple(sim, arg.elts)
        if t is not None:
            try:
                fs = frozenset(t)
            except TypeError:
                sim.T(1, "+"); sim.T(1, "-")
                sim.T(len(t), "-")
                return arg
            sim.ev("O+")  # the frozenset constant (kept by the AST arena)
            sim.T(len(t), "-")
            return ast.copy_location(ast.Constant(fs), arg)
    return arg


def fold(node, sim):
    """Emulate the AST optimizer (ast_opt.c) in its visiting order, emitting tuple events."""
    if isinstance(node, ast.For) or isinstance(node, ast.AsyncFor):
        node.target = fold(node.target, sim)
        node.iter = fold(node.iter, sim)
        node.body = [fold(x, sim) for x in node.body]
        node.orelse = [fold(x, sim) for x in node.orelse]
        node.iter = fold_iter(sim, node.iter)
        return node
    if isinstance(node, ast.comprehension):
        node.target = fold(node.target, sim)
        node.iter = fold(node.iter, sim)
        node.ifs = [fold(x, sim) for x in node.ifs]
        node.iter = fold_iter(sim, node.iter)
        return node
    for name, val in ast.iter_fields(node):
        if isinstance(val, list):
            for i, x in enumerate(val):
                if isinstance(x, ast.AST):
                    val[i] = fold(x, sim)
        elif isinstance(val, ast.AST):
            setattr(node, name, fold(val, sim))
    if isinstance(node, ast.Tuple) and isinstance(node.ctx, ast.Load):
        t = make_const_tuple(sim, node.elts)
        if t is not None:
            return ast.copy_location(ast.Constant(t), node)
        return node
    if isinstance(node, ast.Compare):
        op = node.ops[-1]
        if isinstance(op, (ast.In, ast.NotIn)):
            node.comparators[-1] = fold_iter(sim, node.comparators[-1])
        return node
    if isinstance(node, ast.BinOp) and is_const(node.left) and is_const(node.right):
        f = BINOPS.get(type(node.op))
        if f is not None:
            return _result(sim, node, f, (node.left.value, node.right.value))
        return node
    if isinstance(node, ast.UnaryOp) and is_const(node.operand):
        return _result(sim, node, UNOPS[type(node.op)], (node.operand.value,))
    if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load) and is_const(node.value) \
            and is_const(node.slice):
        return _result(sim, node, operator.getitem, (node.value.value, node.slice.value))
    return node


SCOPE_NODES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef, ast.GeneratorExp,
               ast.ListComp, ast.SetComp, ast.DictComp)


def count_blocks(tree):
    """Blocks of the symbol table as a tree: list of children (each a list)."""
    def kids(node):
        out = []
        for ch in ast.iter_child_nodes(node):
            if isinstance(ch, SCOPE_NODES):
                out.append(kids(ch))
            else:
                out.extend(kids(ch))
        return out
    return kids(tree)


def n_blocks(tree_kids):
    return 1 + sum(n_blocks(k) for k in tree_kids)


def directives(tree):
    """(blocks having global/nonlocal statements, total names in them)."""
    nb = nn = 0

    def block(node):
        nonlocal nb, nn
        has = False
        stack = list(ast.iter_child_nodes(node))
        while stack:
            ch = stack.pop()
            if isinstance(ch, SCOPE_NODES):
                block(ch)
                continue
            if isinstance(ch, (ast.Global, ast.Nonlocal)):
                has = True
                nn += len(ch.names)
            stack.extend(ast.iter_child_nodes(ch))
        if has:
            nb += 1
    block(tree)
    return nb, nn


def analyze(sim, kids):
    sim.ev("D+")
    for k in kids:
        analyze(sim, k)
    sim.ev("D-")


def static_attributes_map(tree):
    """3.13 compiler_maybe_add_static_attribute_to_class: every `self.X` store (the name must be
    literally `self`) is added to the nearest *enclosing* class unit on the compiler stack, i.e.
    the nearest ClassDef among the parents of the unit containing the store."""
    result = {}

    def visit(node, units):
        if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Attribute):
            # compiler_augassign handles an attribute target itself: not recorded
            visit(node.target.value, units)
            visit(node.value, units)
            return
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store) and \
                isinstance(node.value, ast.Name) and node.value.id == "self":
            for u in reversed(units[:-1]):
                if isinstance(u, ast.ClassDef):
                    result.setdefault(id(u), set()).add(node.attr)
                    break
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for x in node.decorator_list + node.args.defaults + [d for d in node.args.kw_defaults if d]:
                visit(x, units)
            for a in node.args.posonlyargs + node.args.args + node.args.kwonlyargs + \
                    [a for a in (node.args.vararg, node.args.kwarg) if a]:
                if a.annotation is not None:
                    visit(a.annotation, units)
            if node.returns is not None:
                visit(node.returns, units)
            for x in node.body:
                visit(x, units + [node])
            return
        if isinstance(node, ast.Lambda):
            for x in node.args.defaults + [d for d in node.args.kw_defaults if d]:
                visit(x, units)
            visit(node.body, units + [node])
            return
        if isinstance(node, ast.ClassDef):
            for x in node.decorator_list + node.bases + [k.value for k in node.keywords]:
                visit(x, units)
            for x in node.body:
                visit(x, units + [node])
            return
        if isinstance(node, ast.GeneratorExp):
            visit(node.generators[0].iter, units)
            inner = units + [node]
            for i, g in enumerate(node.generators):
                if i:
                    visit(g.iter, inner)
                visit(g.target, inner)
                for c in g.ifs:
                    visit(c, inner)
            visit(node.elt, inner)
            return
        for ch in ast.iter_child_nodes(node):
            visit(ch, units)

    visit(tree, [tree])
    return result


def terminates(st):
    """Statement after which the rest of its block is unreachable in the CFG."""
    if isinstance(st, (ast.Return, ast.Raise, ast.Continue, ast.Break)):
        return True
    if isinstance(st, ast.If):
        return bool(st.orelse) and any(terminates(x) for x in st.body) and any(terminates(x) for x in st.orelse)
    return False


# ------------------------------------------------------------ codegen
class Compiler:
    def __init__(self, sim, cache):
        self.sim = sim
        self.cache = cache

    def enter_scope(self):
        s = self.sim
        s.label = "enter"
        s.ev("D+")  # u_varnames (list2dict)
        s.ev("D+"); s.ev("L+"); s.ev("L-")  # u_cellvars (dictbytype: keys list)
        s.ev("D+"); s.ev("L+"); s.ev("L-")  # u_freevars
        s.ev("D+"); s.ev("D+"); s.ev("D+")  # u_consts, u_names, u_fasthidden (3.13) / u_private? (3.12)

    def exit_scope(self, code, cfg_tuples):
        s = self.sim
        s.ev("L+")  # consts list (consts_dict_keys_inorder)
        # 3.13 optimize_load_const pass first (LOAD_CONST+TO_BOOL -> add_const(bool)), then
        # optimize_basic_block (fold_tuple_on_constants); 3.12 has no TO_BOOL.
        s.label = "cfg"
        for kind, v in cfg_tuples:
            if kind == "bool":
                self.cache.merge_one(v)
        for kind, t in cfg_tuples:
            if kind == "tuple":  # fold_tuple_on_constants
                s.T(len(t), "+")
                self.cache.merge_one(t, owned_size=len(t))
        s.label = "emit"
        # assemble_emit: except table, line table, bytecode
        for b in (code.co_exceptiontable, code.co_linetable, code.co_code):
            self.cache.merge_one(b)
        # makecode: names, consts, localsplusnames
        names = code.co_names
        s.label = "names " + code.co_name
        s.T(len(names), "+")
        self.cache.merge_one(names, owned_size=len(names) if names else None)
        consts = code.co_consts
        s.label = "consts " + code.co_name
        s.T(len(consts), "+")
        self.cache.merge_one(consts, owned_size=len(consts) if consts else None)
        lpn = list(code.co_varnames) + [c for c in code.co_cellvars if c not in code.co_varnames] + list(code.co_freevars)
        lpn = tuple(lpn)
        s.label = "lpn"
        s.T(len(lpn), "+")
        self.cache.merge_one(lpn, owned_size=len(lpn) if lpn else None)
        # _PyCode_New -> intern_constants: every frozenset in co_consts (recursively through
        # tuples) is turned into a temporary tuple (PySequence_Tuple), freed right away
        def intern(tup):
            for v in tup:
                if type(v) is tuple:
                    intern(v)
                elif type(v) is frozenset:
                    s.T(len(v), "+")
                    intern(tuple(v))
                    s.T(len(v), "-")
        intern(consts)
        s.ev("L-")  # consts list
        for _ in range(6):
            s.ev("D-")  # compiler_unit_free: 6 dicts

    # --- scope compilation; returns nothing; `codes` is an iterator over nested code objects
    def scope(self, node, code, kind):
        self.kind_stack = getattr(self, "kind_stack", [])
        self.kind_stack.append(kind)
        saved_depth = getattr(self, "inline_depth", 0)
        self.inline_depth = 0
        saved_off = self.cfg_off
        self.cfg_off = 0
        self.enter_scope()
        if kind != "module":
            self.sim.ev("O+")  # capsule (3.13) / nothing (count-neutral either way)
        self.cfg = []
        saved = self.cfg
        self.codes = [c for c in code.co_consts if hasattr(c, "co_code")]
        cfg = []
        saved_codes = self.codes
        self._cfg_stack = getattr(self, "_cfg_stack", [])
        self._cfg_stack.append(cfg)
        self._codes_stack = getattr(self, "_codes_stack", [])
        self._codes_stack.append(self.codes)
        if kind in ("module", "module_like"):
            self.body(node.body)
        elif kind == "func":
            body = node.body
            if body and isinstance(body[0], ast.Expr) and is_const(body[0].value) and isinstance(body[0].value.value, str):
                body = body[1:]
            self.body(body)
        elif kind == "lambda":
            self.expr(node.body)
        elif kind == "class":
            body = node.body
            if body and isinstance(body[0], ast.Expr) and is_const(body[0].value) and isinstance(body[0].value.value, str):
                body = body[1:]
            self.body(body)
            if V >= (3, 13):
                if not hasattr(self, "static_map"):
                    self.static_map = static_attributes_map(self.tree)
                sa = tuple(sorted(self.static_map.get(id(node), ())))
                self.sim.ev("L+")  # PySequence_List(static attributes set)
                self.sim.T(len(sa), "+")  # PyList_AsTuple
                self.sim.ev("L-")
                self.cache.add_const_new(sa, len(sa))
        elif kind == "genexp":
            self.comp_body(node, inlined=False)
        self._codes_stack.pop()
        self._cfg_stack.pop()
        self.exit_scope(code, cfg)
        self.kind_stack.pop()
        self.inline_depth = saved_depth
        self.cfg_off = saved_off
        if kind != "module":
            self.sim.ev("O-")
        if self._codes_stack:
            self.codes = self._codes_stack[-1]

    def next_code(self, node):
        """The code object made for scope `node`: the next one in the parent's co_consts with the
        same name and first line; when the parent's CFG dropped it (dead code) or it was merged
        with an equal code object, compile the node on its own."""
        if isinstance(node, ast.Lambda):
            name = "<lambda>"
        elif isinstance(node, ast.GeneratorExp):
            name = "<genexpr>"
        else:
            name = node.name
        line = node.lineno
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.decorator_list:
            line = node.decorator_list[0].lineno
        lst = self._codes_stack[-1]
        for i, c in enumerate(lst):
            if c.co_name == name and c.co_firstlineno == line:
                del lst[i]
                return c
        if isinstance(node, ast.expr):
            mod = ast.Expression(node)
            co = compile(ast.fix_missing_locations(mod), "<p>", "eval")
        else:
            mod = ast.Module([node], [])
            co = compile(ast.fix_missing_locations(mod), "<p>", "exec")
        for c in co.co_consts:
            if hasattr(c, "co_code") and c.co_name == name:
                return c
        raise RuntimeError("no code object for %s" % name)

    def body(self, stmts):
        """3.13: the CFG drops unreachable blocks (remove_unreachable) *before* its constant
        folding passes, so statements after a return/raise/break/continue (or an if/else whose
        branches all end so) are compiled (codegen events happen) but their CFG folds do not.
        3.12 folds first and removes afterwards."""
        dead = False
        for st in stmts:
            if dead and V >= (3, 13):
                self.cfg_off += 1
                self.stmt(st)
                self.cfg_off -= 1
            else:
                self.stmt(st)
            if terminates(st):
                dead = True

    cfg_off = 0

    def add_cfg(self, item):
        if not self.cfg_off:
            self._cfg_stack[-1].append(item)

    def defaults(self, args):
        d = args.defaults
        for e in d:
            self.expr(e)
        if d:
            if all(is_const(e) for e in d):
                self.add_cfg(("tuple", tuple(e.value for e in d)))
        # compiler_visit_kwonlydefaults: keys list (created at the first default), defaults
        # visited, PyList_AsTuple(keys), list freed, LOAD_CONST keys tuple (BUILD_CONST_KEY_MAP)
        kw = [(a.arg, e) for a, e in zip(args.kwonlyargs, args.kw_defaults) if e is not None]
        if kw:
            self.sim.ev("L+")
            for _, e in kw:
                self.expr(e)
            t = tuple(n for n, _ in kw)
            self.sim.T(len(t), "+")
            self.sim.ev("L-")
            self.cache.add_const_new(t, len(t))

    def annotations(self, args, returns):
        """compiler_visit_annotations: (name, value) pairs for args, posonlyargs, *vararg,
        kwonlyargs, **kwarg, return, then BUILD_TUPLE -> folded in the CFG if all constant."""
        pairs = []
        for a in list(args.args) + list(args.posonlyargs) + ([args.vararg] if args.vararg else []) + \
                list(args.kwonlyargs) + ([args.kwarg] if args.kwarg else []):
            if a.annotation is not None:
                pairs.append((a.arg, a.annotation))
        if returns is not None:
            pairs.append(("return", returns))
        for _, e in pairs:
            self.expr(e)
        if pairs and all(is_const(e) for _, e in pairs):
            t = []
            for n, e in pairs:
                t += [n, e.value]
            self.add_cfg(("tuple", tuple(t)))

    def stmt(self, st):
        if isinstance(st, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and getattr(st, "type_params", None) \
                and not getattr(st, "_in_generic", False):
            # PEP 695 (approximation, not verified): an extra unit "<generic parameters of X>"
            # wrapping the definition
            for dcr in st.decorator_list:
                self.expr(dcr)
            lst = self._codes_stack[-1]
            name = "<generic parameters of %s>" % st.name
            code = next((c for c in lst if c.co_name == name), None)
            if code is None:
                return
            lst.remove(code)
            st._in_generic = True
            saved = st.decorator_list
            st.decorator_list = []
            wrapper = ast.Module([st], [])
            self.scope(wrapper, code, "module_like")
            st.decorator_list = saved
            return
        if isinstance(st, ast.TypeAlias):
            return
        if isinstance(st, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for dcr in st.decorator_list:
                self.expr(dcr)
            self.defaults(st.args)
            self.annotations(st.args, st.returns)
            code = self.next_code(st)
            self.scope(st, code, "func")
            return
        if isinstance(st, ast.ClassDef):
            for dcr in st.decorator_list:
                self.expr(dcr)
            code = self.next_code(st)
            self.scope(st, code, "class")
            for b in st.bases:
                self.expr(b)
            for k in st.keywords:
                self.expr(k.value)
            return
        if isinstance(st, ast.ImportFrom):
            # LOAD_CONST level, LOAD_CONST names tuple (built by the compiler)
            names = tuple(a.name for a in st.names)
            self.sim.T(len(names), "+")
            self.cache.add_const_new(names, len(names))
            return
        if isinstance(st, ast.Expr) and is_const(st.value):
            return  # constant expression statements compile to a NOP
        if isinstance(st, (ast.If, ast.While)):
            self.test(st.test)
            self.body(st.body)
            self.body(st.orelse)
            return
        if isinstance(st, ast.Match):
            self.expr(st.subject)
            cases = st.cases
            last = cases[-1].pattern
            has_default = (isinstance(last, ast.MatchAs) and last.pattern is None and last.name is None
                           and len(cases) > 1)
            for i, m in enumerate(cases):
                if has_default and i == len(cases) - 1:
                    if m.guard is not None:
                        self.test(m.guard)
                    self.body(m.body)
                    break
                self.sim.ev("L+")  # pattern context `stores` list
                self.pattern(m.pattern)
                self.sim.ev("L-")
                if m.guard is not None:
                    self.test(m.guard)
                self.body(m.body)
            return
        if isinstance(st, ast.Assert):
            self.test(st.test)
            if st.msg is not None:
                self.expr(st.msg)
            return
        self.generic(st)

    def pattern(self, p):
        """compiler_pattern (match statements); MatchOr not modelled beyond its alternatives."""
        if isinstance(p, ast.MatchValue):
            self.expr(p.value)
        elif isinstance(p, ast.MatchSingleton):
            self.cache.add_const(p.value)
        elif isinstance(p, ast.MatchSequence):
            for q in p.patterns:
                self.pattern(q)
        elif isinstance(p, ast.MatchMapping):
            for k in p.keys:
                self.expr(k)
            if p.keys and all(is_const(k) for k in p.keys):
                self.add_cfg(("tuple", tuple(k.value for k in p.keys)))
            for q in p.patterns:
                self.pattern(q)
        elif isinstance(p, ast.MatchClass):
            self.expr(p.cls)
            names = tuple(p.kwd_attrs)
            self.sim.T(len(names), "+")
            self.cache.add_const_new(names, len(names))
            for q in list(p.patterns) + list(p.kwd_patterns):
                self.pattern(q)
        elif isinstance(p, ast.MatchAs):
            if p.pattern is not None:
                self.pattern(p.pattern)
        elif isinstance(p, ast.MatchOr):
            # a fresh `stores` list per alternative; the first is kept as `control` (freed at
            # the end), the others freed after their alternative (order for >2 alts unverified)
            for i, q in enumerate(p.patterns):
                self.sim.ev("L+")
                self.pattern(q)
                if i > 0:
                    self.sim.ev("L-")
            self.sim.ev("L-")

    def generic(self, node):
        for name, val in ast.iter_fields(node):
            if isinstance(val, list):
                for x in val:
                    if isinstance(x, ast.stmt):
                        self.stmt(x)
                    elif isinstance(x, ast.expr):
                        self.expr(x)
                    elif isinstance(x, ast.AST):
                        self.generic(x)
            elif isinstance(val, ast.stmt):
                self.stmt(val)
            elif isinstance(val, ast.expr):
                self.expr(val)
            elif isinstance(val, ast.AST):
                self.generic(val)

    def expr(self, e):
        if isinstance(e, ast.Constant):
            self.cache.add_const(e.value)
            return
        if isinstance(e, ast.IfExp):
            self.test(e.test)
            self.expr(e.body)
            self.expr(e.orelse)
            return
        if isinstance(e, ast.BoolOp):
            # compiler_boolop: LOAD_CONST c; COPY 1; TO_BOOL for every value but the last (3.13)
            for v in e.values[:-1]:
                self.expr(v)
                if is_const(v) and V >= (3, 13):
                    self.add_cfg(("bool", bool(v.value)))
            self.expr(e.values[-1])
            return
        if isinstance(e, ast.Lambda):
            self.defaults(e.args)
            code = self.next_code(e)
            self.scope(e, code, "lambda")
            return
        if isinstance(e, ast.GeneratorExp):
            code = self.next_code(e)
            self.scope(e, code, "genexp")
            self.expr(e.generators[0].iter)
            return
        if isinstance(e, (ast.ListComp, ast.SetComp, ast.DictComp)):
            self.expr(e.generators[0].iter)
            depth = getattr(self, "inline_depth", 0)
            # temp_symbols dict: 3.13 for an inlined comprehension not nested in another one
            # (its hidden `.0` differs from the unit's symbols); 3.12 only directly in a class body
            temp = (depth == 0) if V >= (3, 13) else (depth == 0 and self.kind_stack[-1] == "class")
            if temp:
                self.sim.ev("D+")  # temp_symbols
            self.sim.ev("L+")  # pushed_locals
            self.inline_depth = depth + 1
            self.comp_body(e, inlined=True)
            self.inline_depth = depth
            if temp:
                self.sim.ev("D-")
            self.sim.ev("L-")
            return
        if isinstance(e, ast.Call):
            self.expr(e.func)
            nelts, nkw = len(e.args), len(e.keywords)
            ex_call = (nelts + nkw * 2 > 30 or any(isinstance(a, ast.Starred) for a in e.args)
                       or any(k.arg is None for k in e.keywords))
            if not ex_call:
                for a in e.args:
                    self.expr(a)
                for k in e.keywords:
                    self.expr(k.value)
                if nkw:  # compiler_call_simple_kw_helper: kwnames tuple
                    names = tuple(k.arg for k in e.keywords)
                    self.sim.T(len(names), "+")
                    self.cache.add_const_new(names, len(names))
                return
            if nelts == 1 and isinstance(e.args[0], ast.Starred):
                self.expr(e.args[0].value)
            else:
                self.starunpack(e.args)
            run = []
            for k in e.keywords + [None]:
                if k is None or k.arg is None:
                    if run:
                        self.subkwargs(run)
                        run = []
                    if k is not None:
                        self.expr(k.value)
                else:
                    run.append(k)
            return
        if isinstance(e, ast.Dict):
            # compiler_dict: runs of key/value pairs (split at ** and every 17 items) -> compiler_subdict
            n = len(e.keys)
            elements = 0
            for i in range(n):
                if e.keys[i] is None:
                    if elements:
                        self.subdict(e, i - elements, i)
                        elements = 0
                    self.expr(e.values[i])
                else:
                    if elements * 2 > 30:
                        self.subdict(e, i - elements, i + 1)
                        elements = 0
                    else:
                        elements += 1
            if elements:
                self.subdict(e, n - elements, n)
            return
        if isinstance(e, (ast.List, ast.Set)) and len(e.elts) > 2 and all(is_const(x) for x in e.elts):
            t = tuple(x.value for x in e.elts)
            self.sim.T(len(t), "+")  # starunpack_helper: folded tuple
            if isinstance(e, ast.Set):
                try:
                    fs = frozenset(t)
                except TypeError:
                    self.sim.T(1, "+"); self.sim.T(1, "-")
                    self.sim.T(len(t), "-")
                    for x in e.elts:
                        self.expr(x)
                    return
                self.sim.ev("O+")  # PyFrozenSet_New(folded)
                self.sim.T(len(t), "-")
                self.cache.add_const(fs)
                self.sim.ev("O-")  # the compiler's frozenset: freed (merged copy or cache hit)
                return
            self.cache.add_const_new(t, len(t))
            return
        self.generic(e)

    def subdict(self, e, begin, end):
        n = end - begin
        keys = e.keys[begin:end]
        big = n * 2 > 30
        if n > 1 and not big and all(is_const(k) for k in keys):
            for v in e.values[begin:end]:
                self.expr(v)
            t = tuple(k.value for k in keys)
            self.sim.T(n, "+")
            self.cache.add_const_new(t, n)
            return
        for k, v in zip(keys, e.values[begin:end]):
            self.expr(k)
            self.expr(v)

    def subkwargs(self, kws):
        n = len(kws)
        big = n * 2 > 30
        if n > 1 and not big:
            for k in kws:
                self.expr(k.value)
            t = tuple(k.arg for k in kws)
            self.sim.T(n, "+")
            self.cache.add_const_new(t, n)
            return
        for k in kws:
            self.expr(k.value)

    def starunpack(self, elts):
        """starunpack_helper(..., tuple=1) for call arguments."""
        n = len(elts)
        if n > 2 and all(is_const(x) for x in elts):
            t = tuple(x.value for x in elts)
            self.sim.T(n, "+")
            self.cache.add_const_new(t, n)
            return
        for x in elts:
            self.expr(x)

    def test(self, e):
        """compiler_jump_if(e): a constant is LOAD_CONST + TO_BOOL (3.13), folded in the CFG
        into add_const(bool); and/or/not/ternary tests recurse."""
        if isinstance(e, ast.Constant):
            self.cache.add_const(e.value)
            if V >= (3, 13):
                self.add_cfg(("bool", bool(e.value)))
        elif isinstance(e, ast.BoolOp):
            for v in e.values:
                self.test(v)
        elif isinstance(e, ast.UnaryOp) and isinstance(e.op, ast.Not):
            self.test(e.operand)
        elif isinstance(e, ast.IfExp):
            self.test(e.test)
            self.test(e.body)
            self.test(e.orelse)
        else:
            self.expr(e)

    def comp_body(self, e, inlined):
        gens = e.generators
        for i, g in enumerate(gens):
            if i > 0:
                self.expr(g.iter)
            self.expr(g.target)
            for c in g.ifs:
                self.test(c)
        if isinstance(e, ast.DictComp):
            self.expr(e.key)
            self.expr(e.value)
        else:
            self.expr(e.elt)


def unicode_needs(src):
    import io, re, tokenize
    kinds = set()
    esc = re.compile(r"(?<!\\)(?:\\\\)*\\N\{")
    for tok in tokenize.generate_tokens(io.StringIO(src).readline):
        if tok.type == tokenize.NAME and not tok.string.isascii():
            kinds.add("id")
        elif tok.type == tokenize.STRING or tok.type == getattr(tokenize, "FSTRING_MIDDLE", -1):
            text = tok.string
            if tok.type == tokenize.STRING:
                prefix = text[:len(text) - len(text.lstrip("rRbBuUfF"))]
                if "r" in prefix.lower() or "b" in prefix.lower():
                    continue
            if esc.search(text):
                kinds.add("N")
    return kinds


def predict(src, want_events=False):
    sim = Sim()
    tree = ast.parse(src)
    code = compile(src, "<p>", "exec")
    # parser: the first non-ASCII identifier (NFKC normalization) or \N{...} escape imports
    # unicodedata (fixed event list); when both kinds occur, a second lookup adds L+ D+ D- L-
    kinds = unicode_needs(src)
    if kinds:
        for e in json.load(open(os.path.join(HERE, "unicodedata_import_%d%d.json" % V))):
            sim.ev(e)
        if len(kinds) == 2:
            for e in ("L+", "D+", "D-", "L-"):
                sim.ev(e)
    # compiler_setup: const cache dict, c_stack list
    sim.ev("D+")
    sim.ev("L+")
    # AST optimizer
    tree = fold(tree, sim)
    # symtable
    kids = count_blocks(tree)
    sim.ev("L+")  # st_stack
    sim.ev("D+")  # st_blocks
    nb = n_blocks(kids)
    for _ in range(nb):
        sim.ev("D+"); sim.ev("L+"); sim.ev("L+")  # ste_symbols, ste_varnames, ste_children
    # global/nonlocal: ste_directives list (first directive of a block) + one 5-tuple per name
    # (Py_BuildValue("(Oiiii)")), freed with the ste at compiler_free
    ndir_blocks, ndir_names = directives(tree)
    for _ in range(ndir_blocks):
        sim.ev("L+")
    for _ in range(ndir_names):
        sim.T(5, "+")
    analyze(sim, kids)
    cache = Cache(sim)
    comp = Compiler(sim, cache)
    comp.tree = tree
    comp.scope(tree, code, "module")
    # compiler_free
    for _ in range(nb):
        sim.ev("D-"); sim.ev("L-"); sim.ev("L-")
    for _ in range(ndir_blocks):
        sim.ev("L-")
    for _ in range(ndir_names):
        sim.T(5, "-")
    sim.ev("D-")  # st_blocks
    sim.ev("L-")  # st_stack
    cache.free_all(code)
    sim.ev("D-")  # const cache
    sim.ev("L-")  # c_stack
    compile_events = list(sim.log)
    # state at the module's first instruction: after compile and the module's function object
    # (RUN event 0, PyEval_EvalCode); a collection scheduled during compile runs at that RESUME
    first = dict(count=sim.c + 1, tuples=list(sim.t), lists=sim.l, dicts=sim.d,
                 collection_pending=sim.scheduled)
    # run phase (import gc ... gc.get_count()), fixed event list measured on the base program.
    # Automatic collection: an allocation taking gen-0 count over the threshold schedules it
    # (not while an exception is set: `blocked` events); it runs at the next eval-breaker check
    # (`checks`: number of run events before it), resetting the count to 0 (free lists kept).
    run = json.load(open(os.path.join(HERE, "run_events_%d%d.json" % V)))
    gcinfo = json.load(open(os.path.join(HERE, "gc_run_%d%d.json" % V)))
    blocked, checks = set(gcinfo["blocked"]), set(gcinfo["checks"])
    scheduled = sim.scheduled
    collected = False
    for i, e in enumerate(run):
        if scheduled and i in checks and not collected:
            scheduled = False
            if sim.c > THRESHOLD:  # _Py_RunGC re-checks the count
                sim.c = 0
                collected = True
        before = sim.c
        sim.ev(e)
        if sim.c > before and sim.c > THRESHOLD and i not in blocked:
            scheduled = True
    sim.collected = collected
    if want_events == "state":
        return first
    if want_events:
        return sim.c, compile_events
    return sim.c


if __name__ == "__main__":
    src = open(sys.argv[1]).read()
    if "--state" in sys.argv:
        print(json.dumps(predict(src, "state")))
    elif "--events" in sys.argv:
        c, evs = predict(src, True)
        print(c)
        for e in evs:
            print(e)
    else:
        print(predict(src))
