//! The collector's state when the program's first statement runs: what
//! compiling the program cost.
//!
//! CPython compiles the program after start-up, and its compiler allocates
//! dicts, lists and tuples: the symbol table's, each compilation unit's, and
//! the keys of the constant cache. Those taken from a free list leave
//! `gc.get_count()` alone; the others count, so every `def` and `class` moves
//! the first count, and with it when every automatic collection happens.
//! This module replays those allocations, in CPython's order, on the
//! collector's counts and free lists: `tests/corpus/startup/README.md` is the
//! measured account of each rule (section numbers below refer to it) and
//! `predict.py` there the reference this follows.
//!
//! It reads the program's syntax tree and gcplay's own code objects, whose
//! `names`, `consts` and instructions stand for CPython's `co_names`,
//! `co_consts` and bytecode; equal instruction lists stand for equal
//! bytecode, and equal positions besides for equal line tables.

use crate::code::{Code, Const, Op};
use crate::gc::{FreeKind, GcState};
use crate::profile::{Profile, Python};
use crate::source::LineIndex;
use crate::symtable::{walk_expr, walk_stmt};
use ruff_python_ast::token::{TokenKind, Tokens};
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_python_parser::Parsed;
use ruff_text_size::Ranged;
use std::rc::Rc;

/// Apply one allocation (`alloc`) or free of a list, dict, tuple of a size, or
/// (None) any other object with a gc header.
pub fn event(gc: &mut GcState, kind: Option<FreeKind>, alloc: bool) {
    let pooled = match kind {
        Some(FreeKind::Tuple(0)) => return,
        Some(FreeKind::Tuple(n)) if n > 20 => None,
        k => k,
    };
    if alloc {
        if !pooled.is_some_and(|k| gc.alloc_from_free_list(k)) {
            gc.alloc_gc_object();
        }
    } else if !pooled.is_some_and(|k| gc.dealloc_to_free_list(k)) {
        gc.dealloc_gc_object();
    }
}

/// A recorded event list (`Profile`'s start-up data): a repeat count, then one
/// character per event: `+`/`-` another object allocated or freed, `[`/`]` a
/// list, `{`/`}` a dict, `A`..`T` a tuple of size 1..20 allocated, `a`..`t` freed.
pub fn recorded(s: &str) -> impl Iterator<Item = (Option<FreeKind>, bool)> + '_ {
    let mut repeat = 0usize;
    s.bytes().flat_map(move |b| {
        if b.is_ascii_digit() {
            repeat = repeat * 10 + (b - b'0') as usize;
            return std::iter::repeat_n((None, true), 0);
        }
        let n = std::mem::take(&mut repeat).max(1);
        let ev = match b {
            b'+' | b'-' => (None, b == b'+'),
            b'[' | b']' => (Some(FreeKind::List), b == b'['),
            b'{' | b'}' => (Some(FreeKind::Dict), b == b'{'),
            b'A'..=b'T' => (Some(FreeKind::Tuple((b - b'@') as usize)), true),
            _ => (Some(FreeKind::Tuple((b - b'`') as usize)), false),
        };
        std::iter::repeat_n(ev, n)
    })
}

/// The parser's import of `unicodedata` (section 2), then compilation
/// (section 3) and the module's function object: the state at the module's
/// first instruction. `gc` starts as the profile's state at the parser's entry.
pub fn compile(
    gc: &mut GcState,
    parsed: &Parsed<ast::ModModule>,
    code: &Code,
    src: &str,
    lines: &LineIndex,
    profile: &Profile,
) {
    let unicodedata = profile.unicodedata_import;
    let module = parsed.syntax();
    let mut m = Model {
        gc,
        p313: profile.python == Python::P313,
        lines,
        folded: Vec::new(),
        cache: Vec::new(),
        merged: Vec::new(),
        kept: Vec::new(),
        units: Vec::new(),
        cfg_off: 0,
        dead: 0,
        blocks: 0,
        directive_blocks: 0,
        directive_names: 0,
        pass: Pass::Fold,
        directive: Vec::new(),
    };
    let unicode = unicode_needs(parsed.tokens(), src);
    if unicode != 0 {
        m.replay(unicodedata);
        if unicode == 3 {
            m.replay("[{}]");
        }
    }
    // compiler setup: the constant cache, the unit stack
    m.d(true);
    m.l(true);
    // the AST optimizer
    m.visit_body(&module.body);
    // the symbol table: count the blocks, then analyse them
    m.pass = Pass::Count;
    m.block(|m| m.visit_body(&module.body));
    m.symtable_entries(true);
    m.pass = Pass::Analyze;
    m.block(|m| m.visit_body(&module.body));
    m.pass = Pass::Codegen;
    // code generation
    m.unit(Unit::Module, Some(code), |m| m.doc_body(&module.body));
    // compiler_free
    m.symtable_entries(false);
    for (_, sizes) in std::mem::take(&mut m.cache) {
        for n in sizes {
            m.t(n, false);
        }
    }
    // a merged frozenset lives on only in a final co_consts
    let mut kept = std::mem::take(&mut m.kept);
    for fs in std::mem::take(&mut m.merged) {
        match kept.iter().position(|k| k.same(&fs)) {
            Some(i) => drop(kept.swap_remove(i)),
            None => m.o(false),
        }
    }
    m.d(false);
    m.l(false);
    // PyEval_EvalCode: the module's function object
    m.o(true);
}

/// 1: a non-ASCII identifier, 2: a `\N{...}` escape in a str literal, 3: both.
fn unicode_needs(tokens: &Tokens, src: &str) -> u8 {
    let mut found = 0;
    for tok in tokens.iter() {
        let text = &src[tok.range()];
        match tok.kind() {
            TokenKind::Name if !text.is_ascii() => found |= 1,
            TokenKind::String | TokenKind::FStringMiddle => {
                let prefix = text.bytes().take_while(|b| b.is_ascii_alphabetic()).map(|b| b | 0x20);
                if tok.kind() == TokenKind::String && prefix.clone().any(|b| b == b'r' || b == b'b') {
                    continue;
                }
                let mut backslashes = 0;
                for (i, b) in text.bytes().enumerate() {
                    if b == b'\\' {
                        backslashes += 1;
                        continue;
                    }
                    if backslashes % 2 == 1 && b == b'N' && text.as_bytes().get(i + 1) == Some(&b'{') {
                        found |= 2;
                    }
                    backslashes = 0;
                }
            }
            _ => {}
        }
    }
    found
}

#[derive(Clone, Copy, PartialEq)]
enum Unit {
    Module,
    Function,
    Class,
    Lambda,
    Genexp,
}

/// Something the unit's control-flow graph folds into a constant at its end.
enum Cfg {
    /// 3.13: a constant test (`LOAD_CONST` + `TO_BOOL`) becomes a bool.
    Bool(bool),
    /// A tuple of constants built at run time (defaults, annotations).
    Tuple(Const),
}

struct UnitState<'a> {
    kind: Unit,
    /// Nested code objects not yet reached.
    codes: Vec<&'a Code>,
    cfg: Vec<Cfg>,
    inline_depth: u32,
    /// For a class: the names stored as `self.X` in its methods (3.13).
    statics: Vec<&'a str>,
    /// An inlined comprehension gives the unit an exception handler.
    inlined: bool,
    /// The unit starts with a docstring.
    doc: bool,
    /// Constants gcplay's code loads where CPython's loads none or another
    /// (`adds`): constant statements and tests, items of constant displays
    /// and defaults, which CPython loads as one tuple.
    drops: Vec<Const>,
    adds: Vec<Const>,
    /// Nested code objects made in unreachable code: CPython compiles them, then drops them.
    dead_codes: Vec<*const Code>,
    /// gcplay's final `return None` follows a statement that always leaves.
    dead_tail: bool,
}

/// A key of the constant cache: a constant, or one of a code object's byte
/// strings (0 exception table, 1 line table, 2 bytecode) and whether its
/// exception table is empty.
enum Key {
    Const(Const),
    Bytes(u8, Rc<Bytecode>),
}

/// What a code object's byte strings are made of, as far as gcplay's
/// instructions tell: CPython's bytecode for equal instructions over equal
/// constant indices (statement markers, constants loaded only to be dropped
/// and an unreachable final `return None` left out), its line table for equal
/// places besides.
#[derive(PartialEq)]
struct Bytecode {
    ops: Vec<Op>,
    places: Vec<[u32; 4]>,
    /// No exception handler: the exception table is empty.
    empty: bool,
}

struct Model<'a, 'g> {
    gc: &'g mut GcState,
    p313: bool,
    lines: &'a LineIndex,
    /// Expressions the AST optimizer made constants, by address.
    folded: Vec<(usize, Const)>,
    /// The constant cache: each key and the tuple sizes it owns.
    cache: Vec<(Key, Vec<usize>)>,
    /// Frozensets merged into the cache, and those the final constants hold.
    merged: Vec<Const>,
    kept: Vec<Const>,
    units: Vec<UnitState<'a>>,
    /// Above 0 in code after a return, raise, break or continue (3.13's CFG drops it first).
    cfg_off: u32,
    /// Above 0 in such code in either version: its constants are not kept.
    dead: u32,
    blocks: u32,
    directive_blocks: u32,
    directive_names: u32,
    pass: Pass,
    /// Per open block: whether it has a `global` or `nonlocal` statement.
    directive: Vec<bool>,
}

impl<'a> Model<'a, '_> {
    fn ev(&mut self, k: Option<FreeKind>, alloc: bool) {
        event(self.gc, k, alloc);
    }
    fn t(&mut self, n: usize, alloc: bool) {
        self.ev(Some(FreeKind::Tuple(n)), alloc);
    }
    fn l(&mut self, alloc: bool) {
        self.ev(Some(FreeKind::List), alloc);
    }
    fn d(&mut self, alloc: bool) {
        self.ev(Some(FreeKind::Dict), alloc);
    }
    fn o(&mut self, alloc: bool) {
        self.ev(None, alloc);
    }
    fn replay(&mut self, s: &str) {
        for (k, alloc) in recorded(s) {
            self.ev(k, alloc);
        }
    }

    // ---- the symbol table (3.3) ----

    /// The symbol table's own dicts, lists and directive tuples: made before
    /// the analysis (`st_stack`, `st_blocks`, then each block's), freed by
    /// `compiler_free` in the reverse order.
    fn symtable_entries(&mut self, alloc: bool) {
        if alloc {
            self.l(true);
            self.d(true);
        }
        for _ in 0..self.blocks {
            self.replay(if alloc { "{[[" } else { "}]]" });
        }
        for _ in 0..self.directive_blocks {
            self.l(alloc);
        }
        for _ in 0..self.directive_names {
            self.t(5, alloc);
        }
        if !alloc {
            self.d(false);
            self.l(false);
        }
    }

    // ---- the constant cache (3.6) ----

    /// `_PyCode_ConstantKey`: the tuples it allocates, returned as the sizes the key owns.
    fn key_sizes(&mut self, c: &Const, sizes: &mut Vec<usize>) {
        match c {
            Const::Bool(_) => self.own(2, sizes),
            Const::Float(f) => self.own(if *f == 0.0 && f.is_sign_negative() { 3 } else { 2 }, sizes),
            Const::Tuple(items) => {
                self.own(items.len(), sizes);
                items.iter().for_each(|i| self.key_sizes(i, sizes));
                self.own(2, sizes);
            }
            Const::FrozenSet(items) => {
                self.t(items.len(), true);
                items.iter().for_each(|i| self.key_sizes(i, sizes));
                self.t(items.len(), false);
                self.own(2, sizes);
            }
            _ => {}
        }
    }

    fn own(&mut self, n: usize, sizes: &mut Vec<usize>) {
        if n > 0 {
            self.t(n, true);
            sizes.push(n);
        }
    }

    fn same(&self, a: &Key, b: &Key) -> bool {
        match (a, b) {
            (Key::Const(x), Key::Const(y)) => x.same(y),
            (Key::Bytes(i, x), Key::Bytes(j, y)) if i == j => match i {
                0 => x.empty == y.empty && (x.empty || x.ops == y.ops),
                1 => x == y,
                _ => x.ops == y.ops,
            },
            _ => false,
        }
    }

    /// Each instruction's place relative to the code's first line: what a line table encodes.
    fn bytecode(&self, code: &Code, consts: &[Const], dead_tail: bool, empty: bool) -> Rc<Bytecode> {
        let col = |o: u32| o - self.lines.line_start(self.lines.line(o));
        let index = |k: u32| consts.iter().position(|c| c.same(&code.consts[k as usize])).unwrap_or(k as usize) as u32;
        let mut b = Bytecode { ops: Vec::new(), places: Vec::new(), empty };
        let end = code.ops.len() - if dead_tail { 2 } else { 0 };
        let mut popped = false;
        for (i, (&op, &(s, e))) in code.ops[..end].iter().zip(&code.spans).enumerate() {
            // a docstring or constant statement: CPython emits nothing
            let pop = matches!(op, Op::LoadConst(_)) && code.ops.get(i + 1) == Some(&Op::PopTop);
            if std::mem::replace(&mut popped, pop) || pop {
                continue;
            }
            b.ops.push(match op {
                Op::Stmt => continue,
                Op::LoadConst(k) => Op::LoadConst(index(k)),
                Op::CallKw(n, k) => Op::CallKw(n, index(k)),
                op => op,
            });
            let (ls, le) = (self.lines.line(s), self.lines.line(e));
            b.places.push([ls.wrapping_sub(code.first_line), le - ls, col(s), col(e)]);
        }
        Rc::new(b)
    }

    /// Insert a key unless an equal one is there (then its tuples are freed): true if inserted.
    fn insert(&mut self, key: Key, sizes: Vec<usize>) -> bool {
        if self.cache.iter().any(|(k, _)| self.same(k, &key)) {
            for n in sizes {
                self.t(n, false);
            }
            return false;
        }
        self.cache.push((key, sizes));
        true
    }

    /// `const_cache_insert(c, recursive)` for a `LOAD_CONST`: Some(true) if newly inserted.
    fn add_const(&mut self, c: &Const) -> Option<bool> {
        if matches!(c, Const::None) {
            return None;
        }
        let mut sizes = Vec::new();
        self.key_sizes(c, &mut sizes);
        if !self.insert(Key::Const(c.clone()), sizes) {
            return Some(false);
        }
        match c {
            Const::Tuple(items) => items.iter().for_each(|i| {
                self.add_const(i);
            }),
            Const::FrozenSet(items) if !items.is_empty() => {
                self.t(items.len(), true);
                items.iter().for_each(|i| {
                    self.add_const(i);
                });
                self.o(true);
                self.merged.push(c.clone());
                self.t(items.len(), false);
            }
            _ => {}
        }
        Some(true)
    }

    /// `ADDOP_LOAD_CONST_NEW` of a tuple of `n` the compiler just built: freed on a hit.
    fn add_const_new(&mut self, t: Const, n: usize) {
        if self.add_const(&t) == Some(false) {
            self.t(n, false);
        }
    }

    /// `_PyCompile_ConstCacheMergeOne`: `owned`, a tuple the caller built, is freed on a hit.
    fn merge_one(&mut self, key: Key, owned: usize) {
        let mut sizes = Vec::new();
        match &key {
            Key::Const(c) => self.key_sizes(c, &mut sizes),
            Key::Bytes(..) => self.own(2, &mut sizes),
        }
        if !self.insert(key, sizes) {
            self.t(owned, false);
        }
    }

    /// A tuple of `n` the compiler builds and merges (`co_names` and the like).
    fn merge_tuple(&mut self, items: Vec<Const>) {
        let n = items.len();
        self.t(n, true);
        self.merge_one(Key::Const(Const::Tuple(items.into())), n);
    }

    // ---- code generation (3.4) ----

    fn unit(&mut self, kind: Unit, code: Option<&'a Code>, body: impl FnOnce(&mut Self)) {
        self.replay("{{[]{[]{{{");
        if kind != Unit::Module {
            self.o(true);
        }
        let codes = code.map_or(Vec::new(), |c| {
            c.consts.iter().filter_map(|k| if let Const::Code(c) = k { Some(&**c) } else { None }).collect()
        });
        self.units.push(UnitState {
            kind,
            codes,
            cfg: Vec::new(),
            inline_depth: 0,
            statics: Vec::new(),
            inlined: false,
            doc: false,
            drops: Vec::new(),
            adds: Vec::new(),
            dead_codes: Vec::new(),
            dead_tail: false,
        });
        let off = std::mem::take(&mut self.cfg_off);
        let dead = std::mem::take(&mut self.dead);
        body(self);
        self.cfg_off = off;
        self.dead = dead;
        let u = self.units.pop().expect("unit");
        if let Some(code) = code {
            self.exit(code, u);
        }
        if kind != Unit::Module {
            self.o(false);
        }
    }

    /// `optimize_and_assemble` and `compiler_exit_scope`.
    fn exit(&mut self, code: &'a Code, u: UnitState<'a>) {
        // an exception table is empty without handlers: no `try`, no
        // generator, no inlined comprehension
        let empty = code.handlers.is_empty() && !code.is_generator && !u.inlined;
        let (names, consts) = self.tables(code, &u);
        let cfg = u.cfg;
        self.l(true);
        for c in &cfg {
            if let Cfg::Bool(b) = c {
                self.merge_one(Key::Const(Const::Bool(*b)), 0);
            }
        }
        for c in cfg {
            if let Cfg::Tuple(t) = c {
                let n = if let Const::Tuple(items) = &t { items.len() } else { 0 };
                self.t(n, true);
                self.merge_one(Key::Const(t), n);
            }
        }
        let b = self.bytecode(code, &consts, u.dead_tail, empty);
        for kind in 0..3 {
            self.merge_one(Key::Bytes(kind, b.clone()), 0);
        }
        self.merge_tuple(names);
        self.merge_tuple(consts.clone());
        let cells = code.cellvars.iter().filter(|c| !code.varnames.contains(c));
        let lpn = code.varnames.iter().chain(cells).chain(code.freevars.iter());
        self.merge_tuple(lpn.map(|s| Const::Str(s.clone())).collect());
        self.intern(&consts);
        self.l(false);
        self.replay("6}");
    }

    /// CPython's `co_names` and `co_consts` for the unit, from gcplay's: the
    /// names a class body or a docstring stores, a function's docstring or
    /// None first, and the constants of `UnitState::drops` and `adds`.
    fn tables(&self, code: &Code, u: &UnitState) -> (Vec<Const>, Vec<Const>) {
        let mut names: Vec<Const> = code.names.iter().map(|s| Const::Str(s.clone())).collect();
        let name = |s: &str| Const::Str(s.into());
        if u.doc && u.kind != Unit::Function {
            let at = match u.kind {
                Unit::Class if self.p313 => 4,
                Unit::Class => 3,
                _ => 0,
            };
            names.insert(at.min(names.len()), name("__doc__"));
        }
        let mut consts = code.consts.clone();
        if u.kind == Unit::Class && self.p313 {
            let at = names.len() - names.last().is_some_and(|n| n.same(&name("__classcell__"))) as usize;
            names.insert(at, name("__static_attributes__"));
        }
        let mut uses = vec![0u32; consts.len()];
        for op in &code.ops {
            match *op {
                Op::LoadConst(i) | Op::CallKw(_, i) => uses[i as usize] += 1,
                _ => {}
            }
        }
        let mut dropped = vec![false; consts.len()];
        for d in &u.drops {
            if let Some(i) = consts.iter().position(|c| c.same(d)) {
                uses[i] = uses[i].saturating_sub(1);
                dropped[i] = true;
            }
        }
        let mut i = 0;
        consts.retain(|c| {
            i += 1;
            let dead = matches!(c, Const::Code(k) if u.dead_codes.contains(&Rc::as_ptr(k)));
            !dead && (!dropped[i - 1] || uses[i - 1] > 0)
        });
        if matches!(u.kind, Unit::Function | Unit::Lambda | Unit::Genexp) && !u.doc {
            consts.retain(|c| !matches!(c, Const::None));
            consts.insert(0, Const::None);
        }
        for a in &u.adds {
            if !consts.iter().any(|c| c.same(a)) {
                let at = consts.len() - matches!(consts.last(), Some(Const::None) if consts.len() > 1) as usize;
                consts.insert(at, a.clone());
            }
        }
        (names, consts)
    }

    /// `intern_constants`: each frozenset in the constants is copied to a tuple for a moment.
    fn intern(&mut self, consts: &[Const]) {
        for c in consts {
            match c {
                Const::Tuple(t) => self.intern(t),
                Const::FrozenSet(t) => {
                    self.kept.push(c.clone());
                    self.t(t.len(), true);
                    self.intern(t);
                    self.t(t.len(), false);
                }
                _ => {}
            }
        }
    }

    fn top(&mut self) -> &mut UnitState<'a> {
        self.units.last_mut().expect("unit")
    }

    fn add_cfg(&mut self, c: Cfg) {
        if self.cfg_off == 0 {
            self.top().cfg.push(c);
        }
    }

    /// The nested code object made for a definition at `line`.
    fn next_code(&mut self, name: &str, line: u32) -> Option<&'a Code> {
        let dead = self.dead > 0;
        let u = self.top();
        let i = u.codes.iter().position(|c| &*c.name == name && c.first_line == line)?;
        let code = u.codes.remove(i);
        if dead {
            u.dead_codes.push(code);
        }
        Some(code)
    }

    fn line(&self, r: impl Ranged) -> u32 {
        self.lines.line(r.start().to_u32())
    }

    fn cval(&self, e: &Expr) -> Option<Const> {
        let at = e as *const Expr as usize;
        if let Some((_, c)) = self.folded.iter().find(|(a, _)| *a == at) {
            return Some(c.clone());
        }
        match e {
            Expr::NumberLiteral(_) | Expr::StringLiteral(_) | Expr::BooleanLiteral(_) | Expr::NoneLiteral(_) => {
                crate::compile::fold(e)
            }
            _ => None,
        }
    }

    fn consts(&self, es: &[Expr]) -> Option<Vec<Const>> {
        es.iter().map(|e| self.cval(e)).collect()
    }

    /// A unit's body: a docstring first compiles to no constant load.
    fn doc_body(&mut self, stmts: &'a [Stmt]) {
        let rest = match stmts.first() {
            Some(Stmt::Expr(e)) if matches!(&*e.value, Expr::StringLiteral(_)) => &stmts[1..],
            _ => stmts,
        };
        self.top().doc = rest.len() < stmts.len();
        if stmts.last().is_some_and(terminates) {
            // the final `return None` gcplay adds is unreachable
            self.top().drops.push(Const::None);
            self.top().dead_tail = true;
        }
        self.body(rest);
    }

    fn body(&mut self, stmts: &'a [Stmt]) {
        let mut dead = false;
        for s in stmts {
            let off = dead && self.p313;
            self.cfg_off += off as u32;
            self.dead += dead as u32;
            self.stmt(s);
            self.cfg_off -= off as u32;
            self.dead -= dead as u32;
            dead |= terminates(s);
        }
    }

    fn stmt(&mut self, s: &'a Stmt) {
        match s {
            Stmt::FunctionDef(f) => {
                for d in &f.decorator_list {
                    self.expr(&d.expression);
                }
                self.defaults(&f.parameters);
                self.annotations(&f.parameters, f.returns.as_deref());
                let line = f.decorator_list.first().map_or(self.line(f), |d| self.line(d));
                let code = self.next_code(&f.name, line);
                self.unit(Unit::Function, code, |m| m.doc_body(&f.body));
            }
            Stmt::ClassDef(c) => {
                for d in &c.decorator_list {
                    self.expr(&d.expression);
                }
                let line = c.decorator_list.first().map_or(self.line(c), |d| self.line(d));
                let code = self.next_code(&c.name, line);
                self.unit(Unit::Class, code, |m| {
                    m.doc_body(&c.body);
                    if m.p313 {
                        let mut names = std::mem::take(&mut m.top().statics);
                        names.sort_unstable();
                        let n = names.len();
                        m.l(true);
                        m.t(n, true);
                        m.l(false);
                        let t = Const::Tuple(names.iter().map(|s| Const::Str((*s).into())).collect());
                        m.replace(Vec::new(), &t);
                        m.add_const_new(t, n);
                    }
                });
                if let Some(a) = &c.arguments {
                    a.args.iter().for_each(|e| self.expr(e));
                    a.keywords.iter().for_each(|k| self.expr(&k.value));
                }
            }
            Stmt::ImportFrom(i) => {
                let n = i.names.len();
                self.t(n, true);
                self.add_const_new(
                    Const::Tuple(i.names.iter().map(|a| Const::Str(a.name.as_str().into())).collect()),
                    n,
                );
            }
            Stmt::Expr(e) if self.cval(&e.value).is_some() => {
                let c = self.cval(&e.value).expect("constant");
                self.top().drops.push(c);
            }
            Stmt::Import(_) => {
                // the level and fromlist of IMPORT_NAME
                self.replace(Vec::new(), &Const::Int(0));
                self.replace(Vec::new(), &Const::None);
            }
            Stmt::If(i) => {
                // after a constant test, the branch not taken is unreachable
                let mut taken = self.branch(&i.test);
                self.dead_if(taken == Some(false), |m| m.body(&i.body));
                for c in &i.elif_else_clauses {
                    let after = taken == Some(true);
                    self.dead_if(after, |m| {
                        if let Some(t) = &c.test {
                            let t = m.branch(t);
                            if taken.is_none() {
                                taken = t;
                            }
                        }
                        m.dead_if(!after && taken == Some(false), |m| m.body(&c.body));
                    });
                }
            }
            Stmt::While(w) => {
                let taken = self.branch(&w.test);
                self.dead_if(taken == Some(false), |m| m.body(&w.body));
                self.body(&w.orelse);
            }
            Stmt::Assert(a) => {
                self.test(&a.test);
                if let Some(m) = &a.msg {
                    self.expr(m);
                }
            }
            Stmt::AugAssign(a) => {
                // an attribute target is not a static attribute
                match &*a.target {
                    Expr::Attribute(t) => self.expr(&t.value),
                    t => self.expr(t),
                }
                self.expr(&a.value);
            }
            _ => walk_stmt(self, s),
        }
    }

    fn defaults(&mut self, p: &'a ast::Parameters) {
        let positional: Vec<&Expr> = p.posonlyargs.iter().chain(&p.args).filter_map(|a| a.default.as_deref()).collect();
        positional.iter().for_each(|e| self.expr(e));
        if !positional.is_empty() {
            if let Some(v) = positional.iter().map(|e| self.cval(e)).collect::<Option<Vec<_>>>() {
                let t = Const::Tuple(v.clone().into());
                self.replace(v, &t);
                self.add_cfg(Cfg::Tuple(t));
            }
        }
        let kw: Vec<_> = p.kwonlyargs.iter().filter(|a| a.default.is_some()).collect();
        if !kw.is_empty() {
            self.l(true);
            kw.iter().for_each(|a| self.expr(a.default.as_deref().expect("default")));
            self.t(kw.len(), true);
            self.l(false);
            let names: Vec<Const> = kw.iter().map(|a| Const::Str(a.parameter.name.as_str().into())).collect();
            let t = Const::Tuple(names.clone().into());
            self.replace(names, &t);
            self.add_const_new(t, kw.len());
        }
    }

    fn annotations(&mut self, p: &'a ast::Parameters, returns: Option<&'a Expr>) {
        let args = p.args.iter().chain(&p.posonlyargs).map(|a| &a.parameter);
        let rest = p.vararg.iter().map(|a| &**a).chain(p.kwonlyargs.iter().map(|a| &a.parameter));
        let mut pairs: Vec<(&str, &Expr)> = args
            .chain(rest)
            .chain(p.kwarg.iter().map(|a| &**a))
            .filter_map(|a| Some((a.name.as_str(), a.annotation.as_deref()?)))
            .collect();
        pairs.extend(returns.map(|r| ("return", r)));
        pairs.iter().for_each(|(_, e)| self.expr(e));
        if pairs.is_empty() {
            return;
        }
        let mut t = Vec::new();
        for (n, e) in &pairs {
            let Some(v) = self.cval(e) else { return };
            t.push(Const::Str((*n).into()));
            t.push(v);
        }
        self.add_cfg(Cfg::Tuple(Const::Tuple(t.into())));
    }

    /// CPython loads `with` where gcplay loads `items` (none if unreachable).
    fn replace(&mut self, items: Vec<Const>, with: &Const) {
        let dead = self.dead > 0;
        let u = self.top();
        u.drops.extend(items);
        if dead {
            u.drops.push(with.clone());
        } else {
            u.adds.push(with.clone());
        }
    }

    /// A test, and which way it always goes if it is a constant.
    fn branch(&mut self, e: &'a Expr) -> Option<bool> {
        self.test(e);
        self.cval(e).map(|c| truthy(&c))
    }

    fn dead_if(&mut self, dead: bool, f: impl FnOnce(&mut Self)) {
        self.dead += dead as u32;
        f(self);
        self.dead -= dead as u32;
    }

    fn test(&mut self, e: &'a Expr) {
        match e {
            _ if self.cval(e).is_some() => {
                let c = self.cval(e).expect("constant");
                self.add_const(&c);
                self.top().drops.push(c.clone());
                if self.p313 {
                    self.add_cfg(Cfg::Bool(truthy(&c)));
                }
            }
            Expr::BoolOp(b) => b.values.iter().for_each(|v| self.test(v)),
            Expr::UnaryOp(u) if u.op == ast::UnaryOp::Not => self.test(&u.operand),
            Expr::If(i) => {
                self.test(&i.test);
                self.test(&i.body);
                self.test(&i.orelse);
            }
            _ => self.expr(e),
        }
    }

    fn expr(&mut self, e: &'a Expr) {
        if let Some(c) = self.cval(e) {
            self.add_const(&c);
            match (e, &c) {
                // an iterated list or set CPython made a constant: gcplay loads its items
                (Expr::List(_) | Expr::Set(_), Const::Tuple(items) | Const::FrozenSet(items)) => {
                    self.replace(items.to_vec(), &c)
                }
                // an operation CPython folds and gcplay computes
                _ if crate::compile::fold(e).is_none() && !matches!(e, Expr::NumberLiteral(_)) => {
                    let mut loads = Vec::new();
                    gcplay_loads(e, &mut loads);
                    self.replace(loads, &c)
                }
                _ if self.dead > 0 => self.top().drops.push(c),
                _ => {}
            }
            return;
        }
        match e {
            Expr::If(i) => {
                let taken = self.branch(&i.test);
                self.dead_if(taken == Some(false), |m| m.expr(&i.body));
                self.dead_if(taken == Some(true), |m| m.expr(&i.orelse));
            }
            Expr::BoolOp(b) => {
                // CPython's CFG decides each jump on a constant: the operands
                // after one that is the result are unreachable, one that is
                // not the result is not loaded
                let mut decided = false;
                for (i, v) in b.values.iter().enumerate() {
                    self.dead_if(decided, |m| m.expr(v));
                    let Some(c) = self.cval(v).filter(|_| i + 1 < b.values.len()) else { continue };
                    if self.p313 {
                        self.add_cfg(Cfg::Bool(truthy(&c)));
                    }
                    if truthy(&c) == (b.op == ast::BoolOp::And) {
                        self.top().drops.push(c);
                    } else {
                        decided = true;
                    }
                }
            }
            Expr::Lambda(l) => {
                if let Some(p) = &l.parameters {
                    self.defaults(p);
                }
                let code = self.next_code("<lambda>", self.line(l));
                self.unit(Unit::Lambda, code, |m| m.expr(&l.body));
            }
            Expr::Generator(g) => {
                let code = self.next_code("<genexpr>", self.line(g));
                self.unit(Unit::Genexp, code, |m| m.comprehension(&g.generators, &[&g.elt]));
                self.expr(&g.generators[0].iter);
            }
            Expr::ListComp(c) => self.inlined(&c.generators, &[&c.elt]),
            Expr::SetComp(c) => self.inlined(&c.generators, &[&c.elt]),
            Expr::DictComp(c) => match &c.key {
                Some(k) => self.inlined(&c.generators, &[k, &c.value]),
                None => self.inlined(&c.generators, &[&c.value]),
            },
            Expr::Call(c) => self.call(c),
            Expr::Dict(d) => self.dict(&d.items),
            Expr::List(ast::ExprList { elts, .. }) | Expr::Set(ast::ExprSet { elts, .. })
                if elts.len() > 2 && self.consts(elts).is_some() =>
            {
                let items = self.consts(elts).expect("constants");
                let n = items.len();
                self.t(n, true);
                if matches!(e, Expr::Set(_)) {
                    self.o(true);
                    self.t(n, false);
                    let fs = frozenset(items.clone());
                    // gcplay loads the same frozenset constant, its items as written
                    let own: Option<Vec<Const>> = elts.iter().map(crate::compile::fold).collect();
                    let loads = own.map_or(items, |own| vec![Const::FrozenSet(own.into())]);
                    self.replace(loads, &fs);
                    self.add_const(&fs);
                    self.o(false);
                } else {
                    let t = Const::Tuple(items.clone().into());
                    self.replace(items, &t);
                    self.add_const_new(t, n);
                }
            }
            Expr::Attribute(a) if a.ctx == ast::ExprContext::Store => {
                if matches!(&*a.value, Expr::Name(n) if n.id.as_str() == "self") {
                    let len = self.units.len();
                    if let Some(u) = self.units[..len - 1].iter_mut().rev().find(|u| u.kind == Unit::Class) {
                        if !u.statics.contains(&a.attr.as_str()) {
                            u.statics.push(a.attr.as_str());
                        }
                    }
                }
                self.expr(&a.value);
            }
            _ => walk_expr(self, e),
        }
    }

    /// An inlined list, set or dict comprehension (PEP 709).
    fn inlined(&mut self, gens: &'a [ast::Comprehension], elts: &[&'a Expr]) {
        self.expr(&gens[0].iter);
        let depth = self.top().inline_depth;
        let kind = self.top().kind;
        let temp = depth == 0 && (self.p313 || kind == Unit::Class);
        self.top().inlined |= self.dead == 0;
        if temp {
            self.d(true);
        }
        self.l(true);
        self.top().inline_depth += 1;
        self.comprehension(gens, elts);
        self.top().inline_depth -= 1;
        if temp {
            self.d(false);
        }
        self.l(false);
    }

    fn comprehension(&mut self, gens: &'a [ast::Comprehension], elts: &[&'a Expr]) {
        for (i, g) in gens.iter().enumerate() {
            if i > 0 {
                self.expr(&g.iter);
            }
            self.expr(&g.target);
            g.ifs.iter().for_each(|c| self.test(c));
        }
        elts.iter().for_each(|e| self.expr(e));
    }

    fn call(&mut self, c: &'a ast::ExprCall) {
        self.expr(&c.func);
        let (args, kws) = (&c.arguments.args, &c.arguments.keywords);
        let ex_call = args.len() + 2 * kws.len() > 30
            || args.iter().any(|a| matches!(a, Expr::Starred(_)))
            || kws.iter().any(|k| k.arg.is_none());
        if !ex_call {
            args.iter().for_each(|a| self.expr(a));
            kws.iter().for_each(|k| self.expr(&k.value));
            if !kws.is_empty() {
                self.keyword_names(kws);
            }
            return;
        }
        match &args[..] {
            [Expr::Starred(s)] => self.expr(&s.value),
            _ => match self.consts(args) {
                Some(items) if items.len() > 2 => {
                    self.t(items.len(), true);
                    let n = items.len();
                    self.add_const_new(Const::Tuple(items.into()), n);
                }
                _ => args.iter().for_each(|a| self.expr(a)),
            },
        }
        // runs of keywords between `**` entries
        let mut run: Vec<&'a ast::Keyword> = Vec::new();
        for k in kws.iter().map(Some).chain([None]) {
            match k {
                Some(k) if k.arg.is_some() => run.push(k),
                _ => {
                    let r = std::mem::take(&mut run);
                    r.iter().for_each(|k| self.expr(&k.value));
                    if r.len() > 1 && r.len() * 2 <= 30 {
                        self.keyword_names(&r);
                    }
                    if let Some(k) = k {
                        self.expr(&k.value);
                    }
                }
            }
        }
    }

    fn keyword_names<K: std::borrow::Borrow<ast::Keyword>>(&mut self, kws: &[K]) {
        let n = kws.len();
        self.t(n, true);
        let names = kws.iter().map(|k| Const::Str(k.borrow().arg.as_ref().map_or("", |a| a.as_str()).into()));
        self.add_const_new(Const::Tuple(names.collect()), n);
    }

    /// `compiler_dict`: runs of pairs split at `**` and every 17 pairs.
    fn dict(&mut self, items: &'a [ast::DictItem]) {
        let mut run = 0;
        for (i, item) in items.iter().enumerate() {
            if item.key.is_none() {
                if run > 0 {
                    self.subdict(&items[i - run..i]);
                    run = 0;
                }
                self.expr(&item.value);
            } else if run * 2 > 30 {
                self.subdict(&items[i - run..=i]);
                run = 0;
            } else {
                run += 1;
            }
        }
        if run > 0 {
            self.subdict(&items[items.len() - run..]);
        }
    }

    fn subdict(&mut self, items: &'a [ast::DictItem]) {
        let n = items.len();
        let keys: Option<Vec<Const>> = items.iter().map(|i| i.key.as_ref().and_then(|k| self.cval(k))).collect();
        match keys {
            Some(keys) if n > 1 && n * 2 <= 30 => {
                items.iter().for_each(|i| self.expr(&i.value));
                self.t(n, true);
                let t = Const::Tuple(keys.clone().into());
                self.replace(keys, &t);
                self.add_const_new(t, n);
            }
            _ => {
                for i in items {
                    if let Some(k) = &i.key {
                        self.expr(k);
                    }
                    self.expr(&i.value);
                }
            }
        }
    }
}

/// After it, the rest of its statement list is unreachable.
fn terminates(s: &Stmt) -> bool {
    fn any(b: &[Stmt]) -> bool {
        b.iter().any(terminates)
    }
    fn chain(body: &[Stmt], clauses: &[ast::ElifElseClause]) -> bool {
        match clauses.split_first() {
            None => false,
            Some((c, rest)) => any(body) && if c.test.is_some() { chain(&c.body, rest) } else { any(&c.body) },
        }
    }
    match s {
        Stmt::Return(_) | Stmt::Raise(_) | Stmt::Break(_) | Stmt::Continue(_) => true,
        Stmt::If(i) => chain(&i.body, &i.elif_else_clauses),
        _ => false,
    }
}

/// The constants gcplay's code loads to compute a constant expression.
fn gcplay_loads(e: &Expr, out: &mut Vec<Const>) {
    if let Some(c) = crate::compile::fold(e) {
        out.push(c);
        return;
    }
    match e {
        Expr::Tuple(t) => t.elts.iter().for_each(|e| gcplay_loads(e, out)),
        Expr::UnaryOp(u) => gcplay_loads(&u.operand, out),
        Expr::BinOp(b) => {
            gcplay_loads(&b.left, out);
            gcplay_loads(&b.right, out);
        }
        _ => {}
    }
}

fn truthy(c: &Const) -> bool {
    match c {
        Const::None => false,
        Const::Bool(b) => *b,
        Const::Int(i) => *i != 0,
        Const::Float(f) => *f != 0.0,
        Const::Str(s) => !s.is_empty(),
        Const::Tuple(t) | Const::FrozenSet(t) => !t.is_empty(),
        Const::Big(_) | Const::Code(_) => true,
    }
}

fn frozenset(items: Vec<Const>) -> Const {
    let mut out: Vec<Const> = Vec::new();
    for i in items {
        if !out.iter().any(|o| o.same(&i)) {
            out.push(i);
        }
    }
    Const::FrozenSet(out.into())
}

/// The passes over the tree, in order; one visitor (`Model`) runs them all.
#[derive(Clone, Copy, PartialEq)]
enum Pass {
    /// The AST optimizer (3.2).
    Fold,
    /// The symbol table: count the blocks, then `analyze_block`'s dict per
    /// block, taken on entry and freed after its children (3.3).
    Count,
    Analyze,
    /// Code generation (3.4).
    Codegen,
}

impl<'a> Model<'a, '_> {
    fn block(&mut self, walk: impl FnOnce(&mut Self)) {
        if self.pass == Pass::Count {
            self.blocks += 1;
        } else {
            self.d(true);
        }
        self.directive.push(false);
        walk(self);
        if self.directive.pop() == Some(true) && self.pass == Pass::Count {
            self.directive_blocks += 1;
        }
        if self.pass == Pass::Analyze {
            self.d(false);
        }
    }

    fn block_stmt(&mut self, s: &'a Stmt) {
        match s {
            Stmt::FunctionDef(_) | Stmt::ClassDef(_) => self.block(|m| walk_stmt(m, s)),
            Stmt::Global(ast::StmtGlobal { names, .. }) | Stmt::Nonlocal(ast::StmtNonlocal { names, .. }) => {
                *self.directive.last_mut().expect("block") = true;
                if self.pass == Pass::Count {
                    self.directive_names += names.len() as u32;
                }
            }
            _ => walk_stmt(self, s),
        }
    }

    fn block_expr(&mut self, e: &'a Expr) {
        match e {
            Expr::Lambda(_) | Expr::Generator(_) | Expr::ListComp(_) | Expr::SetComp(_) | Expr::DictComp(_) => {
                self.block(|m| walk_expr(m, e))
            }
            _ => walk_expr(self, e),
        }
    }

    fn set(&mut self, e: &Expr, c: Const) {
        self.folded.push((e as *const Expr as usize, c));
    }

    /// `fold_iter`: a list or set iterated over (`for`, comprehension, `in`) becomes a constant.
    fn fold_iter(&mut self, e: &'a Expr) {
        match e {
            Expr::List(l) => {
                if let Some(items) = self.consts(&l.elts) {
                    self.t(items.len(), true);
                    self.set(e, Const::Tuple(items.into()));
                }
            }
            Expr::Set(s) => {
                if let Some(items) = self.consts(&s.elts) {
                    let n = items.len();
                    self.t(n, true);
                    self.o(true);
                    self.t(n, false);
                    self.set(e, frozenset(items));
                }
            }
            _ => {}
        }
    }

    /// The optimizer, in its post-order: constant tuples, folded operations
    /// and iterables made constants, each new tuple allocated.
    fn fold_expr(&mut self, e: &'a Expr) {
        walk_expr(self, e);
        match e {
            Expr::Tuple(t) if t.ctx == ast::ExprContext::Load => {
                if let Some(items) = self.consts(&t.elts) {
                    self.t(items.len(), true);
                    self.set(e, Const::Tuple(items.into()));
                }
            }
            Expr::Compare(c) if matches!(c.ops.last(), Some(ast::CmpOp::In | ast::CmpOp::NotIn)) => {
                self.fold_iter(c.comparators.last().expect("comparator"));
            }
            Expr::BinOp(b) => {
                let (Some(l), Some(r)) = (self.cval(&b.left), self.cval(&b.right)) else { return };
                match crate::compile::fold(e) {
                    Some(c) => {
                        // `t + ()`, `() + t` and `t * 1` give back the operand itself
                        if let Const::Tuple(t) = &c {
                            let same = |x: &Const| matches!(x, Const::Tuple(u) if u.len() == t.len());
                            let one = |x: &Const| matches!(x, Const::Int(1) | Const::Bool(true));
                            let int = |x: &Const| matches!(x, Const::Int(_) | Const::Bool(_));
                            if !(same(&l) && (!int(&r) || one(&r)) || same(&r) && (!int(&l) || one(&l))) {
                                self.t(t.len(), true);
                            }
                        }
                        self.set(e, c);
                    }
                    None if raises(b.op, &l, &r) => {
                        // the exception's args tuple
                        self.t(1, true);
                        self.t(1, false);
                    }
                    None => {}
                }
            }
            Expr::UnaryOp(u) => {
                let Some(v) = self.cval(&u.operand) else { return };
                let c =
                    if u.op == ast::UnaryOp::Not { Some(Const::Bool(!truthy(&v))) } else { crate::compile::fold(e) };
                if let Some(c) = c {
                    self.set(e, c);
                }
            }
            _ => {}
        }
    }
}

impl<'a> Visitor<'a> for Model<'a, '_> {
    fn visit_stmt(&mut self, s: &'a Stmt) {
        match self.pass {
            Pass::Fold => {
                walk_stmt(self, s);
                if let Stmt::For(f) = s {
                    self.fold_iter(&f.iter);
                }
            }
            Pass::Count | Pass::Analyze => self.block_stmt(s),
            Pass::Codegen => self.stmt(s),
        }
    }
    fn visit_expr(&mut self, e: &'a Expr) {
        match self.pass {
            Pass::Fold => self.fold_expr(e),
            Pass::Count | Pass::Analyze => self.block_expr(e),
            Pass::Codegen => self.expr(e),
        }
    }
    fn visit_body(&mut self, b: &'a [Stmt]) {
        if self.pass == Pass::Codegen {
            self.body(b);
        } else {
            b.iter().for_each(|s| self.visit_stmt(s));
        }
    }
    fn visit_comprehension(&mut self, c: &'a ast::Comprehension) {
        visitor::walk_comprehension(self, c);
        if self.pass == Pass::Fold {
            self.fold_iter(&c.iter);
        }
    }
}

/// A constant operation the optimizer tries and that raises (rather than one
/// left alone because its result would be too large, or folded).
fn raises(op: ast::Operator, l: &Const, r: &Const) -> bool {
    use ast::Operator as O;
    let int = |c: &Const| matches!(c, Const::Int(_) | Const::Big(_) | Const::Bool(_));
    let num = |c: &Const| int(c) || matches!(c, Const::Float(_));
    let seq = |c: &Const| matches!(c, Const::Str(_) | Const::Tuple(_));
    let zero = matches!(r, Const::Int(0) | Const::Bool(false)) || matches!(r, Const::Float(f) if *f == 0.0);
    let kind = |c: &Const| std::mem::discriminant(c);
    match op {
        O::Add => !(num(l) && num(r) || seq(l) && kind(l) == kind(r)),
        O::Mult => !(num(l) && num(r) || int(l) && seq(r) || seq(l) && int(r)),
        O::Sub | O::Div | O::FloorDiv | O::Pow => !(num(l) && num(r)) || op != O::Sub && op != O::Pow && zero,
        O::Mod => !matches!(l, Const::Str(_)) && (!(num(l) && num(r)) || zero),
        O::LShift | O::RShift => !(int(l) && int(r)) || matches!(r, Const::Int(i) if *i < 0),
        O::BitAnd | O::BitOr | O::BitXor => !(int(l) && int(r)),
        O::MatMult => false,
    }
}

impl crate::vm::Vm {
    /// The first `import gc` (importlib finding and making the module): its
    /// recorded events, with a collection at CPython's check points once one
    /// is scheduled.
    pub(crate) fn import_gc(&mut self) {
        let p = &self.profile;
        let (events, checks, blocked) = (p.import_gc, p.import_gc_checks, p.import_gc_blocked);
        for (i, (kind, alloc)) in recorded(events).enumerate().skip(1) {
            if self.gc.scheduled && checks.contains(&(i as u8)) {
                self.gc.scheduled = false;
                self.collect_generations();
            }
            let scheduled = self.gc.scheduled;
            event(&mut self.gc, kind, alloc);
            if blocked.contains(&(i as u8)) {
                self.gc.scheduled = scheduled;
            }
        }
    }
}
