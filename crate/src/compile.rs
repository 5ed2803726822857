//! AST → bytecode. Refuses what the interpreter does not model, before the
//! program runs, with the source range and a message saying what is supported.
//!
//! The instruction sequences follow CPython 3.13's compiler where the
//! difference shows in reference counts: which values sit on the stack, when
//! they are dropped, which objects (cells, closure tuples, slices) exist.

use crate::code::{BinOp, CmpOp, Code, Const, Handler, Op, UnOp};
use crate::profile::Python;
use crate::source::LineIndex;
use crate::symtable::{Kind, Resolved, SymTable};
use hashbrown::HashMap;
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};
use std::rc::Rc;

/// Why a program was refused before running.
#[derive(Debug, Clone)]
pub struct CompileError {
    pub message: String,
    pub start: u32,
    pub end: u32,
    /// A SyntaxError CPython itself reports (rather than a gcplay refusal).
    pub syntax: bool,
}

type CResult<T> = Result<T, CompileError>;

fn refuse<T>(what: &str, range: TextRange) -> CResult<T> {
    Err(CompileError {
        message: format!("not supported in gcplay: {what} (docs/language.md lists what is)"),
        start: range.start().to_u32(),
        end: range.end().to_u32(),
        syntax: false,
    })
}

fn syntax<T>(msg: &str, range: TextRange) -> CResult<T> {
    Err(CompileError { message: msg.into(), start: range.start().to_u32(), end: range.end().to_u32(), syntax: true })
}

/// The modules a program may import.
pub const MODULES: &[&str] = &["sys", "gc", "weakref", "time"];

const NO_HANDLER: u32 = u32::MAX;
/// The operand of LOAD_FAST_AND_CLEAR and STORE_FAST for a cell's slot, above
/// the cell's index until the code's fast locals are all known (an inlined
/// comprehension saves and restores a cell).
const CELL_SLOT: u32 = 1 << 31;

/// What a `return`, `break` or `continue` has to unwind on its way out.
#[derive(Clone)]
enum FBlock<'a> {
    /// A loop; `iter` when a for-loop's iterator is on the stack.
    Loop { start: u32, breaks: Vec<usize>, iter: bool },
    /// The body of a `try` with a `finally`: leaving it runs the finally body.
    TryFinally { body: &'a [Stmt], handlers_before: usize },
    /// The body of an `except` clause: leaving it restores the previous exception.
    Handler { name: Option<String> },
    /// The finally body running for an exception: [prev exc, exc] on the stack.
    FinallyEnd,
}

impl FBlock<'_> {
    /// Stack items this block keeps under the statements inside it.
    fn depth(&self) -> u32 {
        match self {
            FBlock::Loop { iter: true, .. } => 1,
            FBlock::Handler { .. } => 1,
            FBlock::FinallyEnd => 2,
            _ => 0,
        }
    }
}

struct Compiler<'a> {
    /// The version whose source locations are emitted (they differ in a few statements).
    python: Python,
    src: &'a str,
    lines: &'a LineIndex,
    st: &'a SymTable,
    scope: usize,
    kind: Kind,
    ops: Vec<Op>,
    op_lines: Vec<u32>,
    spans: Vec<(u32, u32)>,
    handler_of: Vec<u32>,
    handlers: Vec<Handler>,
    handler_stack: Vec<u32>,
    consts: Vec<Const>,
    names: Vec<Rc<str>>,
    name_idx: HashMap<Rc<str>, u32>,
    varnames: Vec<Rc<str>>,
    var_idx: HashMap<Rc<str>, u32>,
    cellvars: Vec<Rc<str>>,
    freevars: Vec<Rc<str>>,
    /// The scopes of the inlined comprehensions being compiled, innermost last.
    comps: Vec<usize>,
    qualname: String,
    cur: (u32, u32),
    fblocks: Vec<FBlock<'a>>,
    /// Extra values held on the stack while inlining a finally body for `return`.
    extra_depth: u32,
}

/// Compile a parsed module into its code object.
pub fn compile_module(module: &ast::ModModule, src: &str, lines: &LineIndex, python: Python) -> CResult<Rc<Code>> {
    let st = SymTable::build(module);
    if let Some((message, range)) = &st.error {
        return syntax(message, *range);
    }
    let mut c = Compiler::new(src, lines, &st, 0, Kind::Module, String::new());
    c.python = python;
    c.body(&module.body)?;
    c.return_none();
    Ok(Rc::new(c.finish("<module>".into(), 1, &Params::default())))
}

#[derive(Default)]
struct Params {
    argcount: u32,
    posonly: u32,
    kwonly: u32,
    varargs: bool,
    varkw: bool,
}

impl<'a> Compiler<'a> {
    fn new(src: &'a str, lines: &'a LineIndex, st: &'a SymTable, scope: usize, kind: Kind, qualname: String) -> Self {
        let s = &st.scopes[scope];
        let mut c = Compiler {
            python: Python::default(),
            src,
            lines,
            st,
            scope,
            kind,
            ops: Vec::new(),
            op_lines: Vec::new(),
            spans: Vec::new(),
            handler_of: Vec::new(),
            handlers: Vec::new(),
            handler_stack: Vec::new(),
            consts: Vec::new(),
            names: Vec::new(),
            name_idx: HashMap::new(),
            varnames: Vec::new(),
            var_idx: HashMap::new(),
            cellvars: s.cells.iter().chain(&s.comp_cells).map(|n| Rc::from(n.as_str())).collect(),
            freevars: s.frees.iter().map(|n| Rc::from(n.as_str())).collect(),
            comps: Vec::new(),
            qualname,
            cur: (0, 0),
            fblocks: Vec::new(),
            extra_depth: 0,
        };
        if kind == Kind::Function {
            for p in &s.params {
                c.local(p);
            }
            for b in &s.bound {
                if !s.globals.contains(b) && !s.cells.contains(b) && !s.frees.contains(b) {
                    c.local(b);
                }
            }
        }
        c
    }

    fn finish(mut self, name: Rc<str>, first_line: u32, p: &Params) -> Code {
        // a cell's slot follows the fast locals
        let nlocals = self.varnames.len() as u32;
        for op in &mut self.ops {
            if let Op::StoreFast(i) | Op::LoadFastAndClear(i) = op {
                if *i >= CELL_SLOT {
                    *i = *i - CELL_SLOT + nlocals;
                }
            }
        }
        let cell2arg = self.cellvars.iter().map(|c| self.var_idx.get(c).copied()).collect();
        let is_generator = self.st.scopes[self.scope].is_generator;
        Code {
            name,
            warm_calls: self.ops.iter().map(|_| Default::default()).collect(),
            ops: self.ops,
            lines: self.op_lines,
            spans: self.spans,
            consts: self.consts,
            name_cache: self.names.iter().map(|_| Default::default()).collect(),
            names: self.names,
            varnames: self.varnames,
            cellvars: self.cellvars,
            freevars: self.freevars,
            cell2arg,
            handler_of: self.handler_of,
            handlers: self.handlers,
            argcount: p.argcount,
            posonly: p.posonly,
            kwonly: p.kwonly,
            varargs: p.varargs,
            varkw: p.varkw,
            is_generator,
            qualname: self.qualname.as_str().into(),
            is_module: self.kind == Kind::Module,
            is_class: self.kind == Kind::Class,
            first_line,
        }
    }

    // ---- emission ----

    fn emit(&mut self, op: Op) -> usize {
        self.ops.push(op);
        self.op_lines.push(self.lines.line(self.cur.0));
        self.spans.push(self.cur);
        self.handler_of.push(self.handler_stack.last().copied().unwrap_or(NO_HANDLER));
        self.ops.len() - 1
    }

    fn here(&self) -> u32 {
        self.ops.len() as u32
    }

    fn patch(&mut self, at: usize, target: u32) {
        self.ops[at] = match self.ops[at] {
            Op::Jump(_) => Op::Jump(target),
            Op::PopJumpIfFalse(_) => Op::PopJumpIfFalse(target),
            Op::PopJumpIfTrue(_) => Op::PopJumpIfTrue(target),
            Op::PopJumpIfNone(_) => Op::PopJumpIfNone(target),
            Op::PopJumpIfNotNone(_) => Op::PopJumpIfNotNone(target),
            Op::JumpIfOrPop(b, _) => Op::JumpIfOrPop(b, target),
            Op::ForIter(_) => Op::ForIter(target),
            other => other,
        };
    }

    fn patch_here(&mut self, at: usize) {
        let h = self.here();
        self.patch(at, h);
    }

    fn at(&mut self, r: TextRange) {
        self.cur = (r.start().to_u32(), r.end().to_u32());
    }

    /// Where GET_ITER and FOR_ITER of a loop over `iter` stand, so where an error the
    /// iteration raises points: 3.13 at the iterable, 3.12 at the whole `for` statement or
    /// comprehension.
    fn at_iter(&mut self, iter: &Expr, whole: TextRange) {
        self.at(if self.python == Python::P313 { iter.range() } else { whole });
    }

    /// Where loading, storing or deleting attribute `a` stands, or calling it as a method
    /// (`range` is then the call's): `range`, but from the attribute's name when the name
    /// ends on a later line than `range` starts. CPython finds the name by taking its length
    /// in characters from its end's UTF-8 column; rounding up to a character boundary counts
    /// what decoding the bytes before that column would.
    fn at_attr(&mut self, range: TextRange, a: &ast::ExprAttribute) {
        let (mut start, end) = (range.start().to_usize(), range.end().to_usize());
        let name_end = a.range.end().to_usize();
        if self.lines.line(start as u32) != self.lines.line(name_end as u32) {
            start = name_end.saturating_sub(a.attr.id.as_str().chars().count());
            while !self.src.is_char_boundary(start) {
                start += 1;
            }
        }
        self.cur = (start as u32, end as u32);
    }

    /// Open an exception handler covering what is emitted until `pop_handler`.
    fn push_handler(&mut self, depth: u32) -> u32 {
        let id = self.handlers.len() as u32;
        self.handlers.push(Handler { target: 0, depth });
        self.handler_stack.push(id);
        id
    }

    fn pop_handler(&mut self) {
        self.handler_stack.pop();
    }

    fn set_handler_target(&mut self, id: u32) {
        self.handlers[id as usize].target = self.here();
    }

    /// Stack depth (above the locals) of statements at this point.
    fn depth(&self) -> u32 {
        self.fblocks.iter().map(FBlock::depth).sum::<u32>() + self.extra_depth
    }

    fn konst(&mut self, k: Const) -> u32 {
        if let Some(i) = self.consts.iter().position(|c| c.same(&k)) {
            return i as u32;
        }
        self.consts.push(k);
        self.consts.len() as u32 - 1
    }

    fn load_const(&mut self, k: Const) {
        let i = self.konst(k);
        self.emit(Op::LoadConst(i));
    }

    fn return_none(&mut self) {
        self.load_const(Const::None);
        self.emit(Op::ReturnValue);
    }

    fn name(&mut self, n: &str) -> u32 {
        if let Some(&i) = self.name_idx.get(n) {
            return i;
        }
        let rc: Rc<str> = n.into();
        self.names.push(rc.clone());
        self.name_idx.insert(rc, self.names.len() as u32 - 1);
        self.names.len() as u32 - 1
    }

    fn local(&mut self, n: &str) -> u32 {
        if let Some(&i) = self.var_idx.get(n) {
            return i;
        }
        let rc: Rc<str> = n.into();
        self.varnames.push(rc.clone());
        self.var_idx.insert(rc, self.varnames.len() as u32 - 1);
        self.varnames.len() as u32 - 1
    }

    fn deref_index(&self, n: &str) -> Option<u32> {
        if let Some(i) = self.cellvars.iter().position(|c| &**c == n) {
            return Some(i as u32);
        }
        self.freevars.iter().position(|c| &**c == n).map(|i| (i + self.cellvars.len()) as u32)
    }

    fn resolve(&self, n: &str) -> Resolved {
        for &c in self.comps.iter().rev() {
            let s = &self.st.scopes[c];
            if s.binds(n) {
                return if s.cells.iter().any(|x| x == n) { Resolved::Deref } else { Resolved::Fast };
            }
        }
        match self.comps.first() {
            // in a module or class body, a comprehension's other names are
            // its enclosing functions' or globals, as a function's would be
            Some(&c) if self.kind != Kind::Function => {
                if self.st.scopes[c].frees.iter().any(|x| x == n) {
                    Resolved::Deref
                } else {
                    Resolved::Global
                }
            }
            _ => self.st.resolve_name(self.scope, n),
        }
    }

    /// Emit the load, store or delete of a name, by how its scope resolves it.
    fn name_op(&mut self, n: &str, ops: [fn(u32) -> Op; 4]) {
        let [fast, deref, name, global] = ops;
        let op = match self.resolve(n) {
            Resolved::Fast => fast(self.local(n)),
            Resolved::Deref => deref(self.deref_index(n).expect("deref name has a cell")),
            Resolved::Name => name(self.name(n)),
            Resolved::Global => global(self.name(n)),
        };
        self.emit(op);
    }

    fn load_name(&mut self, n: &str) {
        self.name_op(n, [Op::LoadFast, Op::LoadDeref, Op::LoadName, Op::LoadGlobal]);
    }

    fn store_name(&mut self, n: &str) {
        self.name_op(n, [Op::StoreFast, Op::StoreDeref, Op::StoreName, Op::StoreGlobal]);
    }

    fn delete_name(&mut self, n: &str) {
        self.name_op(n, [Op::DeleteFast, Op::DeleteDeref, Op::DeleteName, Op::DeleteGlobal]);
    }

    // ---- statements ----

    fn body(&mut self, stmts: &'a [Stmt]) -> CResult<()> {
        for s in stmts {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn stmt(&mut self, s: &'a Stmt) -> CResult<()> {
        self.at(s.range());
        match s {
            Stmt::Expr(e) => {
                self.emit(Op::Stmt);
                self.expr(&e.value)?;
                self.at(s.range());
                self.emit(Op::PopTop);
            }
            Stmt::Assign(a) => {
                self.emit(Op::Stmt);
                self.expr(&a.value)?;
                for (i, t) in a.targets.iter().enumerate() {
                    if i + 1 < a.targets.len() {
                        self.emit(Op::Copy(1));
                    }
                    self.store(t)?;
                }
            }
            Stmt::AugAssign(a) => {
                self.emit(Op::Stmt);
                self.aug_assign(a)?;
            }
            Stmt::AnnAssign(a) => {
                self.emit(Op::Stmt);
                if let Some(v) = &a.value {
                    self.expr(v)?;
                    self.store(&a.target)?;
                } else if !matches!(a.target.as_ref(), Expr::Name(_)) {
                    return refuse("annotations without a value on this target", a.range);
                }
            }
            Stmt::Delete(d) => {
                self.emit(Op::Stmt);
                for t in &d.targets {
                    self.delete(t)?;
                }
            }
            Stmt::Pass(_) => {
                self.emit(Op::Stmt);
            }
            Stmt::If(i) => self.if_stmt(i)?,
            Stmt::While(w) => self.while_stmt(w)?,
            Stmt::For(f) => self.for_stmt(f)?,
            Stmt::Break(b) => {
                self.emit(Op::Stmt);
                self.break_stmt(b.range)?;
            }
            Stmt::Continue(c) => {
                self.emit(Op::Stmt);
                self.continue_stmt(c.range)?;
            }
            Stmt::Import(imp) => {
                self.emit(Op::Stmt);
                for alias in &imp.names {
                    let name = alias.name.id.as_str();
                    if !MODULES.contains(&name) {
                        return refuse(
                            &format!("importing '{name}' (the modules are {})", MODULES.join(", ")),
                            alias.range,
                        );
                    }
                    let n = self.name(name);
                    self.emit(Op::ImportName(n));
                    let bind = alias.asname.as_ref().map(|a| a.id.as_str()).unwrap_or(name);
                    self.store_name(bind);
                }
            }
            Stmt::FunctionDef(f) => self.function_def(f)?,
            Stmt::ClassDef(c) => self.class_def(c)?,
            Stmt::Return(r) => {
                self.emit(Op::Stmt);
                if self.kind != Kind::Function {
                    return syntax("'return' outside function", r.range);
                }
                match &r.value {
                    Some(v) => self.expr(v)?,
                    None => self.load_const(Const::None),
                }
                self.unwind_for_return()?;
                self.at(r.range);
                self.emit(Op::ReturnValue);
            }
            Stmt::Global(_) | Stmt::Nonlocal(_) => {
                self.emit(Op::Stmt);
            }
            Stmt::Try(t) => self.try_stmt(t)?,
            Stmt::Raise(r) => {
                self.emit(Op::Stmt);
                match (&r.exc, &r.cause) {
                    (None, _) => {
                        self.emit(Op::Raise(0));
                    }
                    (Some(e), None) => {
                        self.expr(e)?;
                        self.at(r.range);
                        self.emit(Op::Raise(1));
                    }
                    (Some(e), Some(c)) => {
                        self.expr(e)?;
                        self.expr(c)?;
                        self.at(r.range);
                        self.emit(Op::Raise(2));
                    }
                }
            }
            Stmt::Assert(a) => {
                self.emit(Op::Stmt);
                self.expr(&a.test)?;
                let ok = self.emit(Op::PopJumpIfTrue(0));
                self.at(a.range);
                self.emit(Op::LoadAssertionError);
                if let Some(m) = &a.msg {
                    self.emit(Op::PushNull);
                    self.expr(m)?;
                    self.at(a.range);
                    self.emit(Op::Call(1));
                }
                if self.python == Python::P313 {
                    // 3.13 locates the failure at the test, 3.12 at the statement
                    self.at(a.test.range());
                }
                self.emit(Op::Raise(1));
                self.patch_here(ok);
            }
            Stmt::With(w) => return refuse("'with' statements", w.range),
            Stmt::Match(m) => return refuse("'match' statements", m.range),
            Stmt::ImportFrom(i) => return refuse("'from ... import'", i.range),
            Stmt::TypeAlias(t) => return refuse("'type' aliases", t.range),
            Stmt::IpyEscapeCommand(i) => return refuse("IPython escapes", i.range),
        }
        Ok(())
    }

    fn if_stmt(&mut self, i: &'a ast::StmtIf) -> CResult<()> {
        self.emit(Op::Stmt);
        self.expr(&i.test)?;
        let jf = self.emit(Op::PopJumpIfFalse(0));
        self.body(&i.body)?;
        let mut ends = Vec::new();
        let mut pending = Some(jf);
        for clause in &i.elif_else_clauses {
            ends.push(self.emit(Op::Jump(0)));
            if let Some(p) = pending.take() {
                self.patch_here(p);
            }
            self.at(clause.range);
            if let Some(test) = &clause.test {
                self.emit(Op::Stmt);
                self.expr(test)?;
                pending = Some(self.emit(Op::PopJumpIfFalse(0)));
            }
            self.body(&clause.body)?;
        }
        if let Some(p) = pending {
            self.patch_here(p);
        }
        for e in ends {
            self.patch_here(e);
        }
        Ok(())
    }

    fn while_stmt(&mut self, w: &'a ast::StmtWhile) -> CResult<()> {
        let start = self.here();
        self.at(w.range);
        self.emit(Op::Stmt);
        self.expr(&w.test)?;
        let exit = self.emit(Op::PopJumpIfFalse(0));
        self.fblocks.push(FBlock::Loop { start, breaks: Vec::new(), iter: false });
        let body = self.here();
        self.body(&w.body)?;
        // the test again at the bottom, then the backward jump (CPython's
        // compiler_while): the eval breaker runs after the test, not before it
        self.at(w.range);
        self.emit(Op::Stmt);
        self.expr(&w.test)?;
        let again = self.emit(Op::PopJumpIfFalse(0));
        self.emit(Op::Jump(body));
        let Some(FBlock::Loop { breaks, .. }) = self.fblocks.pop() else { unreachable!("loop block") };
        self.patch_here(exit);
        self.patch_here(again);
        self.body(&w.orelse)?;
        for b in breaks {
            self.patch_here(b);
        }
        Ok(())
    }

    fn for_stmt(&mut self, f: &'a ast::StmtFor) -> CResult<()> {
        if f.is_async {
            return refuse("'async for'", f.range);
        }
        self.emit(Op::Stmt);
        self.expr(&f.iter)?;
        self.at_iter(&f.iter, f.range);
        self.emit(Op::GetIter);
        let start = self.here();
        let fi = self.emit(Op::ForIter(0));
        self.at(f.range);
        self.fblocks.push(FBlock::Loop { start, breaks: Vec::new(), iter: true });
        self.store(&f.target)?;
        self.body(&f.body)?;
        self.at(f.range);
        self.emit(Op::Stmt);
        self.emit(Op::Jump(start));
        let Some(FBlock::Loop { breaks, .. }) = self.fblocks.pop() else { unreachable!("loop block") };
        self.patch_here(fi);
        self.body(&f.orelse)?;
        for b in breaks {
            self.patch_here(b);
        }
        Ok(())
    }

    /// Leave the blocks between here and the innermost loop; `keep_loop` stops at it.
    fn unwind_to_loop(&mut self, range: TextRange, is_break: bool) -> CResult<usize> {
        let Some(li) = self.fblocks.iter().rposition(|b| matches!(b, FBlock::Loop { .. })) else {
            let what = if is_break { "'break' outside loop" } else { "'continue' not properly in loop" };
            return syntax(what, range);
        };
        let inner: Vec<FBlock<'a>> = self.fblocks[li + 1..].to_vec();
        for (k, b) in inner.iter().enumerate().rev() {
            self.unwind_block(b, li + 1 + k, false)?;
        }
        Ok(li)
    }

    fn break_stmt(&mut self, range: TextRange) -> CResult<()> {
        let li = self.unwind_to_loop(range, true)?;
        if let FBlock::Loop { iter: true, .. } = self.fblocks[li] {
            self.emit(Op::PopTop);
        }
        let j = self.emit(Op::Jump(0));
        if let FBlock::Loop { breaks, .. } = &mut self.fblocks[li] {
            breaks.push(j);
        }
        Ok(())
    }

    fn continue_stmt(&mut self, range: TextRange) -> CResult<()> {
        let li = self.unwind_to_loop(range, false)?;
        let FBlock::Loop { start, .. } = self.fblocks[li] else { unreachable!("loop block") };
        self.emit(Op::Jump(start));
        Ok(())
    }

    /// `return` with its value on the stack: leave every enclosing block.
    fn unwind_for_return(&mut self) -> CResult<()> {
        let blocks = self.fblocks.clone();
        for (k, b) in blocks.iter().enumerate().rev() {
            self.unwind_block(b, k, true)?;
        }
        Ok(())
    }

    /// Emit what leaving block `b` (at index `k`) requires; `value` when a return value is on top.
    fn unwind_block(&mut self, b: &FBlock<'a>, k: usize, value: bool) -> CResult<()> {
        match b {
            FBlock::Loop { iter: true, .. } if value => {
                self.emit(Op::Swap(2));
                self.emit(Op::PopTop);
            }
            FBlock::Loop { .. } => {}
            FBlock::TryFinally { body, handlers_before } => {
                // run the finally body outside its own protection: only the
                // handlers (and blocks) outside this try apply
                let saved_blocks = self.fblocks.split_off(k);
                let saved_handlers = self.handler_stack.clone();
                self.handler_stack.truncate(*handlers_before);
                if value {
                    self.extra_depth += 1;
                }
                let r = self.body(body);
                if value {
                    self.extra_depth -= 1;
                }
                self.handler_stack = saved_handlers;
                self.fblocks.extend(saved_blocks);
                r?;
            }
            FBlock::Handler { name } => {
                if value {
                    self.emit(Op::Swap(2));
                }
                self.emit(Op::PopExcept);
                if let Some(n) = name {
                    self.load_const(Const::None);
                    self.store_name(n);
                    self.delete_name(n);
                }
            }
            FBlock::FinallyEnd => {
                if value {
                    self.emit(Op::Swap(2));
                    self.emit(Op::PopTop);
                    self.emit(Op::Swap(2));
                } else {
                    self.emit(Op::PopTop);
                }
                self.emit(Op::PopExcept);
            }
        }
        Ok(())
    }

    fn try_stmt(&mut self, t: &'a ast::StmtTry) -> CResult<()> {
        if t.is_star {
            return refuse("'except*'", t.range);
        }
        self.emit(Op::Stmt);
        if t.finalbody.is_empty() {
            return self.try_except(t);
        }
        // try: (try-except) finally:
        let depth = self.depth();
        let handlers_before = self.handler_stack.len();
        let h = self.push_handler(depth);
        self.fblocks.push(FBlock::TryFinally { body: &t.finalbody, handlers_before });
        if t.handlers.is_empty() {
            self.body(&t.body)?;
        } else {
            self.try_except(t)?;
        }
        self.fblocks.pop();
        self.pop_handler();
        self.body(&t.finalbody)?;
        let end = self.emit(Op::Jump(0));
        // exceptional path: [exc] → run finally → re-raise
        self.set_handler_target(h);
        self.emit(Op::PushExcInfo);
        let cleanup = self.push_handler(depth + 1);
        self.fblocks.push(FBlock::FinallyEnd);
        self.body(&t.finalbody)?;
        self.fblocks.pop();
        self.emit(Op::Reraise);
        self.pop_handler();
        self.set_handler_target(cleanup);
        // an exception inside the finally body: restore the previous exception, re-raise
        self.emit(Op::Swap(2));
        self.emit(Op::PopExcept);
        self.emit(Op::Reraise);
        self.patch_here(end);
        Ok(())
    }

    fn try_except(&mut self, t: &'a ast::StmtTry) -> CResult<()> {
        let depth = self.depth();
        let h = self.push_handler(depth);
        self.body(&t.body)?;
        self.pop_handler();
        self.body(&t.orelse)?;
        let mut ends = vec![self.emit(Op::Jump(0))];
        self.set_handler_target(h);
        self.emit(Op::PushExcInfo);
        let cleanup = self.push_handler(depth + 1);
        for handler in &t.handlers {
            let ast::ExceptHandler::ExceptHandler(hd) = handler;
            self.at(hd.range);
            self.emit(Op::Stmt);
            let mut next = None;
            if let Some(ty) = &hd.type_ {
                self.expr(ty)?;
                self.at(hd.range);
                self.emit(Op::CheckExcMatch);
                next = Some(self.emit(Op::PopJumpIfFalse(0)));
            }
            let name = hd.name.as_ref().map(|n| n.id.to_string());
            match &name {
                Some(n) => self.store_name(n),
                None => {
                    self.emit(Op::PopTop);
                }
            }
            // inside the clause: [prev exc]; an exception clears the name, restores, re-raises
            let name_cleanup = if name.is_some() { Some(self.push_handler(depth + 1)) } else { None };
            self.fblocks.push(FBlock::Handler { name: name.clone() });
            self.body(&hd.body)?;
            self.fblocks.pop();
            if let Some(nc) = name_cleanup {
                self.pop_handler();
                self.emit(Op::PopExcept);
                let n = name.clone().expect("named handler");
                self.load_const(Const::None);
                self.store_name(&n);
                self.delete_name(&n);
                ends.push(self.emit(Op::Jump(0)));
                self.set_handler_target(nc);
                self.load_const(Const::None);
                self.store_name(&n);
                self.delete_name(&n);
                self.emit(Op::Reraise);
            } else {
                self.emit(Op::PopExcept);
                ends.push(self.emit(Op::Jump(0)));
            }
            match next {
                Some(nx) => self.patch_here(nx),
                None => break,
            }
        }
        // no clause matched: re-raise (through the cleanup handler)
        self.emit(Op::Reraise);
        self.pop_handler();
        self.set_handler_target(cleanup);
        self.emit(Op::Swap(2));
        self.emit(Op::PopExcept);
        self.emit(Op::Reraise);
        for e in ends {
            self.patch_here(e);
        }
        Ok(())
    }

    fn qual(&self, name: &str) -> String {
        if self.qualname.is_empty() {
            name.to_string()
        } else if self.kind == Kind::Function {
            format!("{}.<locals>.{name}", self.qualname)
        } else {
            format!("{}.{name}", self.qualname)
        }
    }

    /// Compile a function body (def, lambda, generator expression) into a code object
    /// and emit the instructions that build the function.
    fn make_function(
        &mut self,
        range: TextRange,
        name: &str,
        params: Option<&ast::Parameters>,
        build: &mut dyn FnMut(&mut Compiler<'a>) -> CResult<()>,
    ) -> CResult<()> {
        let scope = self.st.scope_of(range);
        let qualname = self.qual(name);
        let mut p = Params::default();
        if params.is_none() && name == "<genexpr>" {
            // a generator expression takes its first iterator as `.0`
            p.argcount = 1;
        }
        let mut defaults: Vec<&Expr> = Vec::new();
        let mut kwdefaults: Vec<(&str, &Expr)> = Vec::new();
        if let Some(ps) = params {
            p.posonly = ps.posonlyargs.len() as u32;
            p.argcount = (ps.posonlyargs.len() + ps.args.len()) as u32;
            p.kwonly = ps.kwonlyargs.len() as u32;
            p.varargs = ps.vararg.is_some();
            p.varkw = ps.kwarg.is_some();
            for a in ps.posonlyargs.iter().chain(ps.args.iter()) {
                if let Some(d) = &a.default {
                    defaults.push(d);
                }
            }
            for a in ps.kwonlyargs.iter() {
                if let Some(d) = &a.default {
                    kwdefaults.push((a.parameter.name.id.as_str(), d));
                }
            }
        }
        if !defaults.is_empty() {
            for d in &defaults {
                self.expr(d)?;
            }
            self.emit(Op::BuildTuple(defaults.len() as u32));
        }
        if !kwdefaults.is_empty() {
            for (n, d) in &kwdefaults {
                self.load_const(Const::Str((*n).into()));
                self.expr(d)?;
            }
            self.emit(Op::BuildMap(kwdefaults.len() as u32));
        }
        let mut fc = Compiler::new(self.src, self.lines, self.st, scope, Kind::Function, qualname);
        fc.python = self.python;
        build(&mut fc)?;
        let first = self.lines.line(range.start().to_u32());
        let code = fc.finish(name.into(), first, &p);
        let closure = self.closure_and_code(code);
        self.emit(Op::MakeFunction { defaults: !defaults.is_empty(), kwdefaults: !kwdefaults.is_empty(), closure });
        Ok(())
    }

    fn function_def(&mut self, f: &'a ast::StmtFunctionDef) -> CResult<()> {
        if !f.decorator_list.is_empty() {
            return refuse("decorators", f.decorator_list[0].range);
        }
        if f.is_async {
            return refuse("'async def'", f.range);
        }
        if f.type_params.is_some() {
            return refuse("type parameters", f.range);
        }
        self.emit(Op::Stmt);
        let body = &f.body;
        let range = f.range;
        self.make_function(f.range, f.name.id.as_str(), Some(&f.parameters), &mut |fc| {
            if fc.st.scopes[fc.scope].is_generator {
                fc.at(range);
                fc.emit(Op::ReturnGenerator);
            }
            fc.body(body)?;
            fc.at(range);
            fc.cur.0 = fc.cur.1.saturating_sub(1);
            fc.return_none();
            Ok(())
        })?;
        self.at(f.range);
        self.store_name(f.name.id.as_str());
        Ok(())
    }

    fn class_def(&mut self, c: &'a ast::StmtClassDef) -> CResult<()> {
        if !c.decorator_list.is_empty() {
            return refuse("decorators", c.decorator_list[0].range);
        }
        if c.type_params.is_some() {
            return refuse("type parameters", c.range);
        }
        self.emit(Op::Stmt);
        self.emit(Op::LoadBuildClass);
        self.emit(Op::PushNull);
        let scope = self.st.scope_of(c.range);
        let name = c.name.id.as_str();
        let qualname = self.qual(name);
        let mut cc = Compiler::new(self.src, self.lines, self.st, scope, Kind::Class, qualname.clone());
        cc.python = self.python;
        cc.at(c.range);
        // the class body's prologue, as CPython compiles it
        let n = cc.name("__name__");
        cc.emit(Op::LoadName(n));
        let m = cc.name("__module__");
        cc.emit(Op::StoreName(m));
        cc.load_const(Const::Str(qualname.as_str().into()));
        let q = cc.name("__qualname__");
        cc.emit(Op::StoreName(q));
        if self.python == Python::P313 {
            cc.load_const(Const::Int(self.lines.line(c.range.start().to_u32()) as i64));
            let fl = cc.name("__firstlineno__");
            cc.emit(Op::StoreName(fl));
        }
        cc.body(&c.body)?;
        cc.at(c.range);
        let has_class_cell = cc.cellvars.iter().any(|v| &**v == "__class__");
        if has_class_cell {
            // return the __class__ cell so type() can fill it
            let cell = cc.deref_index("__class__").expect("class cell");
            cc.emit(Op::LoadClosure(cell));
            let cl = cc.name("__classcell__");
            cc.emit(Op::Copy(1));
            cc.emit(Op::StoreName(cl));
            cc.emit(Op::ReturnValue);
        } else {
            cc.return_none();
        }
        let code = cc.finish(name.into(), self.lines.line(c.range.start().to_u32()), &Params::default());
        let closure = self.closure_and_code(code);
        self.emit(Op::MakeFunction { defaults: false, kwdefaults: false, closure });
        self.load_const(Const::Str(name.into()));
        let mut argc = 2;
        let mut kwnames = Vec::new();
        if let Some(args) = &c.arguments {
            for a in args.args.iter() {
                if let Expr::Starred(s) = a {
                    return refuse("'*' in class bases", s.range);
                }
                self.expr(a)?;
                argc += 1;
            }
            for k in args.keywords.iter() {
                let Some(arg) = &k.arg else { return refuse("'**' in class arguments", k.range) };
                self.expr(&k.value)?;
                kwnames.push(Const::Str(arg.id.as_str().into()));
                argc += 1;
            }
        }
        self.at(c.range);
        if kwnames.is_empty() {
            self.emit(Op::Call(argc));
        } else {
            let k = self.konst(Const::Tuple(kwnames.into()));
            self.emit(Op::CallKw(argc, k));
        }
        self.store_name(name);
        Ok(())
    }

    fn aug_assign(&mut self, a: &ast::StmtAugAssign) -> CResult<()> {
        let op = binop(a.op, a.range)?;
        match a.target.as_ref() {
            Expr::Name(n) => {
                self.at(n.range);
                self.load_name(n.id.as_str());
                self.expr(&a.value)?;
                self.at(a.range);
                self.emit(Op::InplaceBinary(op));
                self.store_name(n.id.as_str());
            }
            Expr::Subscript(s) => {
                if let Expr::Slice(sl) = s.slice.as_ref() {
                    if sl.step.is_none() {
                        self.expr(&s.value)?;
                        self.slice_bound(sl.lower.as_deref())?;
                        self.slice_bound(sl.upper.as_deref())?;
                        // the target's load and store stand at the target
                        self.at(s.range);
                        self.emit(Op::Copy(3));
                        self.emit(Op::Copy(3));
                        self.emit(Op::Copy(3));
                        self.emit(Op::BinarySlice);
                        self.expr(&a.value)?;
                        self.at(a.range);
                        self.emit(Op::InplaceBinary(op));
                        self.at(s.range);
                        self.emit(Op::Swap(4));
                        self.emit(Op::Swap(3));
                        self.emit(Op::Swap(2));
                        self.emit(Op::StoreSlice);
                        return Ok(());
                    }
                }
                self.expr(&s.value)?;
                self.expr(&s.slice)?;
                self.at(s.range);
                self.emit(Op::Copy(2));
                self.emit(Op::Copy(2));
                self.emit(Op::BinarySubscr);
                self.expr(&a.value)?;
                self.at(a.range);
                self.emit(Op::InplaceBinary(op));
                self.at(s.range);
                self.emit(Op::Swap(3));
                self.emit(Op::Swap(2));
                self.emit(Op::StoreSubscr);
            }
            Expr::Attribute(at) => {
                self.expr(&at.value)?;
                self.emit(Op::Copy(1));
                let n = self.name(at.attr.id.as_str());
                self.at_attr(at.range, at);
                self.emit(Op::LoadAttr(n));
                self.expr(&a.value)?;
                self.at(a.range);
                self.emit(Op::InplaceBinary(op));
                self.at_attr(at.range, at);
                self.emit(Op::Swap(2));
                self.emit(Op::StoreAttr(n));
            }
            other => return syntax("'expression' is an illegal expression for augmented assignment", other.range()),
        }
        Ok(())
    }

    fn slice_bound(&mut self, e: Option<&Expr>) -> CResult<()> {
        match e {
            Some(e) => self.expr(e),
            None => {
                self.load_const(Const::None);
                Ok(())
            }
        }
    }

    fn store(&mut self, t: &Expr) -> CResult<()> {
        match t {
            Expr::Name(n) => self.store_name(n.id.as_str()),
            Expr::Subscript(s) => {
                if let Expr::Slice(sl) = s.slice.as_ref() {
                    if sl.step.is_none() {
                        self.expr(&s.value)?;
                        self.slice_bound(sl.lower.as_deref())?;
                        self.slice_bound(sl.upper.as_deref())?;
                        self.at(s.range);
                        self.emit(Op::StoreSlice);
                        return Ok(());
                    }
                }
                self.expr(&s.value)?;
                self.expr(&s.slice)?;
                self.at(s.range);
                self.emit(Op::StoreSubscr);
            }
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                let n = self.name(a.attr.id.as_str());
                self.at_attr(a.range, a);
                self.emit(Op::StoreAttr(n));
            }
            Expr::Tuple(ast::ExprTuple { elts, range, .. }) | Expr::List(ast::ExprList { elts, range, .. }) => {
                self.at(*range);
                match elts.iter().position(|e| matches!(e, Expr::Starred(_))) {
                    Some(i) => {
                        self.emit(Op::UnpackEx(i as u32, (elts.len() - i - 1) as u32));
                    }
                    None => {
                        self.emit(Op::UnpackSequence(elts.len() as u32));
                    }
                }
                for e in elts {
                    match e {
                        Expr::Starred(s) => self.store(&s.value)?,
                        e => self.store(e)?,
                    }
                }
            }
            other => return syntax("cannot assign to expression", other.range()),
        }
        Ok(())
    }

    fn delete(&mut self, t: &Expr) -> CResult<()> {
        self.at(t.range());
        match t {
            Expr::Name(n) => self.delete_name(n.id.as_str()),
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.expr(&s.slice)?;
                self.at(s.range);
                self.emit(Op::DeleteSubscr);
            }
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                let n = self.name(a.attr.id.as_str());
                self.at_attr(a.range, a);
                self.emit(Op::DeleteAttr(n));
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                for e in elts {
                    self.delete(e)?;
                }
            }
            other => return syntax("cannot delete expression", other.range()),
        }
        Ok(())
    }

    // ---- expressions ----

    fn expr(&mut self, e: &Expr) -> CResult<()> {
        self.at(e.range());
        if matches!(e, Expr::BinOp(_) | Expr::UnaryOp(_)) {
            if let Some(k) = fold::fold(e) {
                self.load_const(k);
                return Ok(());
            }
        }
        match e {
            Expr::NumberLiteral(n) => {
                let k = match &n.value {
                    ast::Number::Int(i) => int_const(i),
                    ast::Number::Float(f) => Const::Float(*f),
                    ast::Number::Complex { .. } => return refuse("complex numbers", n.range),
                };
                self.load_const(k);
            }
            Expr::StringLiteral(s) => self.load_const(Const::Str(s.value.to_str().into())),
            Expr::BooleanLiteral(b) => self.load_const(Const::Bool(b.value)),
            Expr::NoneLiteral(_) => self.load_const(Const::None),
            Expr::EllipsisLiteral(x) => return refuse("'...'", x.range),
            Expr::Name(n) => self.load_name(n.id.as_str()),
            Expr::List(l) => self.sequence_display(&l.elts, l.range, Seq::List)?,
            Expr::Tuple(t) => {
                if let Some(k) = fold::fold(e) {
                    self.load_const(k);
                } else {
                    self.sequence_display(&t.elts, t.range, Seq::Tuple)?;
                }
            }
            Expr::Set(s) => {
                // three or more constants: a frozenset constant merged into a new set, as CPython compiles it
                let consts: Option<Vec<Const>> =
                    if s.elts.len() > 2 { s.elts.iter().map(fold::fold).collect() } else { None };
                match consts {
                    Some(items) => {
                        self.emit(Op::BuildSet(0));
                        self.load_const(Const::FrozenSet(items.into()));
                        self.at(s.range);
                        self.emit(Op::SetUpdate(1));
                    }
                    None => self.sequence_display(&s.elts, s.range, Seq::Set)?,
                }
            }
            Expr::Dict(d) => {
                let mut pending = 0u32;
                let mut started = false;
                for item in &d.items {
                    match &item.key {
                        Some(k) => {
                            self.expr(k)?;
                            self.expr(&item.value)?;
                            pending += 1;
                        }
                        None => {
                            if !started {
                                self.emit(Op::BuildMap(pending));
                                started = true;
                            } else if pending > 0 {
                                self.emit(Op::BuildMap(pending));
                                self.emit(Op::DictUpdate(1));
                            }
                            pending = 0;
                            self.expr(&item.value)?;
                            self.emit(Op::DictUpdate(1));
                        }
                    }
                }
                self.at(d.range);
                if !started {
                    self.emit(Op::BuildMap(pending));
                } else if pending > 0 {
                    self.emit(Op::BuildMap(pending));
                    self.emit(Op::DictUpdate(1));
                }
            }
            Expr::BinOp(b) => {
                let op = binop(b.op, b.range)?;
                self.expr(&b.left)?;
                self.expr(&b.right)?;
                self.at(b.range);
                self.emit(Op::Binary(op));
            }
            Expr::UnaryOp(u) => {
                self.expr(&u.operand)?;
                self.at(u.range);
                self.emit(Op::Unary(match u.op {
                    ast::UnaryOp::Not => UnOp::Not,
                    ast::UnaryOp::USub => UnOp::Neg,
                    ast::UnaryOp::UAdd => UnOp::Pos,
                    ast::UnaryOp::Invert => UnOp::Invert,
                }));
            }
            Expr::BoolOp(b) => {
                let keep = matches!(b.op, ast::BoolOp::Or);
                let mut jumps = Vec::new();
                for (i, v) in b.values.iter().enumerate() {
                    self.expr(v)?;
                    if i + 1 < b.values.len() {
                        self.at(b.range);
                        jumps.push(self.emit(Op::JumpIfOrPop(keep, 0)));
                    }
                }
                for j in jumps {
                    self.patch_here(j);
                }
            }
            Expr::Compare(c) => self.compare(c)?,
            Expr::If(i) => {
                self.expr(&i.test)?;
                let jf = self.emit(Op::PopJumpIfFalse(0));
                self.expr(&i.body)?;
                let j = self.emit(Op::Jump(0));
                self.patch_here(jf);
                self.expr(&i.orelse)?;
                self.patch_here(j);
            }
            Expr::Call(c) => self.call(c)?,
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                let n = self.name(a.attr.id.as_str());
                self.at_attr(a.range, a);
                self.emit(Op::LoadAttr(n));
            }
            Expr::Subscript(s) => {
                if let Expr::Slice(sl) = s.slice.as_ref() {
                    if sl.step.is_none() {
                        self.expr(&s.value)?;
                        self.slice_bound(sl.lower.as_deref())?;
                        self.slice_bound(sl.upper.as_deref())?;
                        self.at(s.range);
                        self.emit(Op::BinarySlice);
                        return Ok(());
                    }
                }
                self.expr(&s.value)?;
                self.expr(&s.slice)?;
                self.at(s.range);
                self.emit(Op::BinarySubscr);
            }
            Expr::Slice(sl) => {
                self.slice_bound(sl.lower.as_deref())?;
                self.slice_bound(sl.upper.as_deref())?;
                if let Some(step) = &sl.step {
                    self.expr(step)?;
                    self.emit(Op::BuildSlice(3));
                } else {
                    self.emit(Op::BuildSlice(2));
                }
            }
            Expr::FString(f) => self.fstring(f)?,
            Expr::Lambda(l) => {
                let body = &l.body;
                let range = l.range;
                self.make_function(l.range, "<lambda>", l.parameters.as_deref(), &mut |fc| {
                    fc.expr(body)?;
                    fc.at(range);
                    fc.emit(Op::ReturnValue);
                    Ok(())
                })?;
            }
            Expr::ListComp(l) => self.inline_comprehension(&l.generators, Comp::List(&l.elt), l.range)?,
            Expr::SetComp(l) => self.inline_comprehension(&l.generators, Comp::Set(&l.elt), l.range)?,
            Expr::DictComp(d) => {
                let Some(k) = &d.key else { return refuse("'**' in dict comprehensions", d.range) };
                self.inline_comprehension(&d.generators, Comp::Dict(k, &d.value), d.range)?
            }
            Expr::Generator(g) => self.generator_expression(g)?,
            Expr::Yield(y) => {
                if self.kind != Kind::Function {
                    return syntax("'yield' outside function", y.range);
                }
                match &y.value {
                    Some(v) => self.expr(v)?,
                    None => self.load_const(Const::None),
                }
                self.at(y.range);
                self.emit(Op::YieldValue);
            }
            Expr::Starred(s) => return syntax("can't use starred expression here", s.range),
            Expr::Named(n) => return refuse("the walrus operator ':='", n.range),
            Expr::Await(a) => return refuse("'await'", a.range),
            Expr::YieldFrom(y) => return refuse("'yield from'", y.range),
            Expr::TString(t) => return refuse("t-strings", t.range),
            Expr::BytesLiteral(b) => return refuse("bytes literals", b.range),
            Expr::IpyEscapeCommand(i) => return refuse("IPython escapes", i.range),
        }
        Ok(())
    }

    fn sequence_display(&mut self, elts: &[Expr], range: TextRange, kind: Seq) -> CResult<()> {
        let star = elts.iter().any(|e| matches!(e, Expr::Starred(_)));
        if !star {
            for x in elts {
                self.expr(x)?;
            }
            self.at(range);
            self.emit(match kind {
                Seq::List => Op::BuildList(elts.len() as u32),
                Seq::Tuple => Op::BuildTuple(elts.len() as u32),
                Seq::Set => Op::BuildSet(elts.len() as u32),
            });
            return Ok(());
        }
        // [a, *b, c]: build a list (or set) and extend it
        self.at(range);
        self.emit(if kind == Seq::Set { Op::BuildSet(0) } else { Op::BuildList(0) });
        for x in elts {
            match x {
                Expr::Starred(s) => {
                    self.expr(&s.value)?;
                    self.emit(if kind == Seq::Set { Op::SetUpdate(1) } else { Op::ListExtend(1) });
                }
                x => {
                    self.expr(x)?;
                    self.emit(if kind == Seq::Set { Op::SetAdd(1) } else { Op::ListAppend(1) });
                }
            }
        }
        if kind == Seq::Tuple {
            self.emit(Op::ListToTuple);
        }
        Ok(())
    }

    fn fstring(&mut self, f: &ast::ExprFString) -> CResult<()> {
        let mut parts = 0u32;
        for part in f.value.iter() {
            match part {
                ast::FStringPart::Literal(s) => {
                    if !s.value.is_empty() {
                        self.load_const(Const::Str(s.value.as_ref().into()));
                        parts += 1;
                    }
                }
                ast::FStringPart::FString(fs) => {
                    for el in fs.elements.iter() {
                        parts += self.fstring_element(el)?;
                    }
                }
            }
        }
        self.at(f.range);
        if parts == 0 {
            self.load_const(Const::Str("".into()));
        } else if parts > 1 {
            self.emit(Op::BuildString(parts));
        }
        Ok(())
    }

    fn fstring_element(&mut self, el: &ast::InterpolatedStringElement) -> CResult<u32> {
        match el {
            ast::InterpolatedStringElement::Literal(l) => {
                if l.value.is_empty() {
                    return Ok(0);
                }
                self.load_const(Const::Str(l.value.as_ref().into()));
                Ok(1)
            }
            ast::InterpolatedStringElement::Interpolation(i) => {
                let mut n = 0;
                let mut conv = match i.conversion {
                    ast::ConversionFlag::None => 0,
                    ast::ConversionFlag::Str => 1,
                    ast::ConversionFlag::Repr => 2,
                    ast::ConversionFlag::Ascii => 3,
                };
                if let Some(d) = &i.debug_text {
                    self.load_const(Const::Str(d.as_str().into()));
                    n += 1;
                    if conv == 0 && i.format_spec.is_none() {
                        conv = 2;
                    }
                }
                self.expr(&i.expression)?;
                let has_spec = if let Some(spec) = &i.format_spec {
                    let mut sp = 0;
                    for e in spec.elements.iter() {
                        sp += self.fstring_element(e)?;
                    }
                    if sp == 0 {
                        self.load_const(Const::Str("".into()));
                    } else if sp > 1 {
                        self.emit(Op::BuildString(sp));
                    }
                    true
                } else {
                    false
                };
                self.emit(Op::FormatValue(conv, has_spec));
                Ok(n + 1)
            }
        }
    }

    fn compare(&mut self, c: &ast::ExprCompare) -> CResult<()> {
        self.expr(&c.left)?;
        let n = c.ops.len();
        let mut cleanups = Vec::new();
        for (i, (op, right)) in c.ops.iter().zip(c.comparators.iter()).enumerate() {
            self.expr(right)?;
            self.at(c.range);
            if i + 1 < n {
                self.emit(Op::Swap(2));
                self.emit(Op::Copy(2));
            }
            self.emit(cmp_op(*op));
            if i + 1 < n {
                cleanups.push(self.emit(Op::JumpIfOrPop(false, 0)));
            }
        }
        if !cleanups.is_empty() {
            let j = self.emit(Op::Jump(0));
            for cj in cleanups {
                self.patch_here(cj);
            }
            self.emit(Op::Swap(2));
            self.emit(Op::PopTop);
            self.patch_here(j);
        }
        Ok(())
    }

    fn call(&mut self, c: &ast::ExprCall) -> CResult<()> {
        match c.func.as_ref() {
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                let n = self.name(a.attr.id.as_str());
                self.at_attr(a.range, a);
                self.emit(Op::LoadMethod(n));
            }
            f => {
                self.expr(f)?;
                self.at(c.range());
                self.emit(Op::PushNull);
            }
        }
        let args = &c.arguments;
        let star = args.args.iter().any(|a| matches!(a, Expr::Starred(_)));
        let dstar = args.keywords.iter().any(|k| k.arg.is_none());
        if star || dstar {
            if let [Expr::Starred(s)] = &*args.args {
                self.expr(&s.value)?;
                self.at(c.range());
                self.emit(Op::StarArgs);
            } else {
                self.sequence_display(&args.args, c.range(), Seq::Tuple)?;
            }
            if !args.keywords.is_empty() {
                let mut pending = 0;
                let mut started = false;
                for k in args.keywords.iter() {
                    match &k.arg {
                        Some(name) => {
                            self.load_const(Const::Str(name.id.as_str().into()));
                            self.expr(&k.value)?;
                            pending += 1;
                        }
                        None => {
                            if !started || pending > 0 {
                                self.emit(Op::BuildMap(pending));
                                if started {
                                    self.emit(Op::DictMerge);
                                }
                                started = true;
                            }
                            pending = 0;
                            self.expr(&k.value)?;
                            self.emit(Op::DictMerge);
                        }
                    }
                }
                if pending > 0 {
                    self.emit(Op::BuildMap(pending));
                    if started {
                        self.emit(Op::DictMerge);
                    }
                }
            }
            self.at(c.range());
            self.emit(Op::CallEx(!args.keywords.is_empty()));
            return Ok(());
        }
        for a in args.args.iter() {
            self.expr(a)?;
        }
        let mut kwnames = Vec::new();
        for k in args.keywords.iter() {
            let arg = k.arg.as_ref().expect("checked above");
            self.expr(&k.value)?;
            kwnames.push(Const::Str(arg.id.as_str().into()));
        }
        match c.func.as_ref() {
            Expr::Attribute(a) => self.at_attr(c.range(), a),
            _ => self.at(c.range()),
        }
        let argc = (args.args.len() + kwnames.len()) as u32;
        if kwnames.is_empty() {
            self.emit(Op::Call(argc));
        } else {
            let k = self.konst(Const::Tuple(kwnames.into()));
            self.emit(Op::CallKw(argc, k));
        }
        Ok(())
    }

    /// List, set and dict comprehensions are inlined (PEP 709): the names
    /// they bind are saved, used as fast locals (or fresh cells, when an inner
    /// function captures them), and restored.
    fn inline_comprehension(&mut self, gens: &[ast::Comprehension], comp: Comp, range: TextRange) -> CResult<()> {
        if gens.iter().any(|g| g.is_async) {
            return refuse("'async for' in comprehensions", range);
        }
        let scope = self.st.scope_of(range);
        // the first iterable is evaluated in the enclosing scope
        self.expr(&gens[0].iter)?;
        self.at_iter(&gens[0].iter, range);
        self.emit(Op::GetIter);
        self.at(range);
        self.comps.push(scope);
        let s = &self.st.scopes[scope];
        // [iter] → [saved..., iter]: each saved value (or cell) slides under the iterator
        let mut slots = Vec::new();
        for v in &s.bound {
            // a captured name's cell slot is saved, and gets a new cell; as in
            // CPython, a free variable's is not saved, but a fast local's of its name
            let cell = s.cells.contains(v).then(|| self.deref_index(v).expect("a comprehension's cell"));
            let slot = match cell {
                Some(k) if (k as usize) < self.cellvars.len() => CELL_SLOT + k,
                _ => self.local(v),
            };
            self.emit(Op::LoadFastAndClear(slot));
            if let Some(k) = cell {
                self.emit(Op::MakeCell(k));
            }
            self.emit(Op::Swap(2));
            slots.push(slot);
        }
        // → [saved..., result, iter]
        self.emit(match comp {
            Comp::List(_) => Op::BuildList(0),
            Comp::Set(_) => Op::BuildSet(0),
            Comp::Dict(..) => Op::BuildMap(0),
        });
        self.emit(Op::Swap(2));
        let r = self.comprehension_loops(gens, 0, &comp, range);
        self.comps.pop();
        r?;
        // restore the saved names: [saved..., result] → [result]
        for &s in slots.iter().rev() {
            self.emit(Op::Swap(2));
            self.emit(Op::StoreFast(s));
        }
        Ok(())
    }

    /// Emit the nested loops; `depth` is how many items sit between the result and the first iterator.
    fn comprehension_loops(
        &mut self,
        gens: &[ast::Comprehension],
        i: usize,
        comp: &Comp,
        range: TextRange,
    ) -> CResult<()> {
        let g = &gens[i];
        if i > 0 {
            self.expr(&g.iter)?;
            self.at_iter(&g.iter, range);
            self.emit(Op::GetIter);
        }
        let (start, fi, skips) = self.comprehension_head(g, range)?;
        if i + 1 < gens.len() {
            self.comprehension_loops(gens, i + 1, comp, range)?;
        } else {
            // the result sits under one iterator per loop
            let depth = i as u32 + 2;
            match comp {
                Comp::List(e) => {
                    self.expr(e)?;
                    self.emit(Op::ListAppend(depth));
                }
                Comp::Set(e) => {
                    self.expr(e)?;
                    self.emit(Op::SetAdd(depth));
                }
                Comp::Dict(k, v) => {
                    self.expr(k)?;
                    self.expr(v)?;
                    self.emit(Op::MapAdd(depth));
                }
            }
        }
        self.comprehension_tail(start, fi, skips, range);
        Ok(())
    }

    /// A generator expression is a generator function of its first iterator.
    fn generator_expression(&mut self, g: &ast::ExprGenerator) -> CResult<()> {
        let gens = &g.generators;
        let elt = &g.elt;
        let range = if g.parenthesized { g.range } else { self.call_parentheses(g.range) };
        self.make_function(g.range, "<genexpr>", None, &mut |fc| {
            fc.at(range);
            fc.emit(Op::ReturnGenerator);
            fc.genexpr_loops(gens, 0, elt, range)?;
            fc.at(range);
            fc.return_none();
            Ok(())
        })?;
        // call it with the first iterator
        self.emit(Op::PushNull);
        self.expr(&g.generators[0].iter)?;
        self.at_iter(&g.generators[0].iter, range);
        self.emit(Op::GetIter);
        self.at(range);
        self.emit(Op::Call(1));
        Ok(())
    }

    /// The range of a generator that is a call's only argument, with the call's parentheses,
    /// which CPython counts as the generator's own.
    fn call_parentheses(&self, range: TextRange) -> TextRange {
        let (start, end) = (range.start().to_usize(), range.end().to_usize());
        let before = self.src[..start].trim_end();
        let after = self.src[end..].trim_start();
        if !before.ends_with('(') || !after.starts_with(')') {
            return range;
        }
        let open = before.len() - 1;
        let close = self.src.len() - after.len() + 1;
        TextRange::new((open as u32).into(), (close as u32).into())
    }

    /// Push an inner scope's closure (a tuple of the cells it uses, if any) and its code,
    /// ready for MAKE_FUNCTION; returns whether there is a closure.
    fn closure_and_code(&mut self, code: Code) -> bool {
        let frees = code.freevars.clone();
        if !frees.is_empty() {
            for f in &frees {
                let i = self.deref_index(f).expect("free variable of an inner scope is a cell here");
                self.emit(Op::LoadClosure(i));
            }
            self.emit(Op::BuildTuple(frees.len() as u32));
        }
        let k = self.konst(Const::Code(Rc::new(code)));
        self.emit(Op::LoadConst(k));
        !frees.is_empty()
    }

    /// One `for ... in ... if ...` of a comprehension, its iterator on the stack:
    /// FOR_ITER, the target, and the conditions' jumps back (start, FOR_ITER, jumps).
    fn comprehension_head(&mut self, g: &ast::Comprehension, range: TextRange) -> CResult<(u32, usize, Vec<usize>)> {
        let start = self.here();
        self.at_iter(&g.iter, range);
        let fi = self.emit(Op::ForIter(0));
        self.at(range);
        self.store(&g.target)?;
        let mut skips = Vec::new();
        for cond in &g.ifs {
            self.expr(cond)?;
            skips.push(self.emit(Op::PopJumpIfFalse(0)));
        }
        Ok((start, fi, skips))
    }

    /// The end of that loop: failed conditions and the body jump back to FOR_ITER.
    fn comprehension_tail(&mut self, start: u32, fi: usize, skips: Vec<usize>, range: TextRange) {
        for s in skips {
            self.patch(s, start);
        }
        self.at(range);
        self.emit(Op::Jump(start));
        self.patch_here(fi);
    }

    fn genexpr_loops(&mut self, gens: &[ast::Comprehension], i: usize, elt: &Expr, range: TextRange) -> CResult<()> {
        let g = &gens[i];
        if g.is_async {
            return refuse("'async for' in generator expressions", range);
        }
        if i == 0 {
            let it = self.local(".0");
            self.emit(Op::LoadFast(it));
        } else {
            self.expr(&g.iter)?;
            self.at_iter(&g.iter, range);
            self.emit(Op::GetIter);
        }
        let (start, fi, skips) = self.comprehension_head(g, range)?;
        if i + 1 < gens.len() {
            self.genexpr_loops(gens, i + 1, elt, range)?;
        } else {
            self.expr(elt)?;
            self.at(range);
            self.emit(Op::YieldValue);
            self.emit(Op::PopTop);
        }
        self.comprehension_tail(start, fi, skips, range);
        Ok(())
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Seq {
    List,
    Tuple,
    Set,
}

enum Comp<'e> {
    List(&'e Expr),
    Set(&'e Expr),
    Dict(&'e Expr, &'e Expr),
}

fn int_const(i: &ast::Int) -> Const {
    match i.as_i64() {
        Some(v) => Const::Int(v),
        None => Const::Big(i.to_string().into()),
    }
}

fn binop(op: ast::Operator, range: TextRange) -> CResult<BinOp> {
    Ok(match op {
        ast::Operator::Add => BinOp::Add,
        ast::Operator::Sub => BinOp::Sub,
        ast::Operator::Mult => BinOp::Mul,
        ast::Operator::Div => BinOp::TrueDiv,
        ast::Operator::FloorDiv => BinOp::FloorDiv,
        ast::Operator::Mod => BinOp::Mod,
        ast::Operator::Pow => BinOp::Pow,
        ast::Operator::LShift => BinOp::LShift,
        ast::Operator::RShift => BinOp::RShift,
        ast::Operator::BitAnd => BinOp::And,
        ast::Operator::BitOr => BinOp::Or,
        ast::Operator::BitXor => BinOp::Xor,
        ast::Operator::MatMult => return refuse("the '@' operator", range),
    })
}

fn cmp_op(op: ast::CmpOp) -> Op {
    match op {
        ast::CmpOp::Eq => Op::Compare(CmpOp::Eq),
        ast::CmpOp::NotEq => Op::Compare(CmpOp::Ne),
        ast::CmpOp::Lt => Op::Compare(CmpOp::Lt),
        ast::CmpOp::LtE => Op::Compare(CmpOp::Le),
        ast::CmpOp::Gt => Op::Compare(CmpOp::Gt),
        ast::CmpOp::GtE => Op::Compare(CmpOp::Ge),
        ast::CmpOp::Is => Op::Is(false),
        ast::CmpOp::IsNot => Op::Is(true),
        ast::CmpOp::In => Op::Contains(false),
        ast::CmpOp::NotIn => Op::Contains(true),
    }
}

/// CPython's AST optimizer: constant expressions become constants, within
/// its size limits (so `10 ** 30`, `-1`, `'ab' * 20` are constants with the
/// extra references constants carry).
/// The constant the optimizer makes of an expression, if any.
pub(crate) use fold::fold;

mod fold {
    use crate::code::Const;
    use num_bigint::BigInt;
    use num_traits::{ToPrimitive, Zero};
    use ruff_python_ast::{self as ast, Expr};

    const MAX_INT_SIZE: u64 = 128;
    const MAX_COLLECTION_SIZE: usize = 256;
    const MAX_STR_SIZE: usize = 4096;

    enum V {
        Int(BigInt),
        Float(f64),
        Str(String),
        Bool(bool),
        None,
        Tuple(Vec<Const>),
    }

    fn to_v(c: &Const) -> Option<V> {
        Some(match c {
            Const::Int(i) => V::Int(BigInt::from(*i)),
            Const::Big(s) => V::Int(crate::vm::parse_big_int(s)),
            Const::Float(f) => V::Float(*f),
            Const::Str(s) => V::Str(s.to_string()),
            Const::Bool(b) => V::Bool(*b),
            Const::None => V::None,
            Const::Tuple(t) => V::Tuple(t.to_vec()),
            Const::FrozenSet(_) | Const::Code(_) => return None,
        })
    }

    fn from_int(i: BigInt) -> Const {
        match i.to_i64() {
            Some(v) => Const::Int(v),
            None => Const::Big(i.to_string().into()),
        }
    }

    fn num(v: &V) -> Option<Result<BigInt, f64>> {
        match v {
            V::Int(i) => Some(Ok(i.clone())),
            V::Bool(b) => Some(Ok(BigInt::from(*b as i64))),
            V::Float(f) => Some(Err(*f)),
            _ => None,
        }
    }

    pub fn fold(e: &Expr) -> Option<Const> {
        match e {
            Expr::NumberLiteral(n) => match &n.value {
                ast::Number::Int(i) => Some(match i.as_i64() {
                    Some(v) => Const::Int(v),
                    None => Const::Big(i.to_string().into()),
                }),
                ast::Number::Float(f) => Some(Const::Float(*f)),
                _ => None,
            },
            Expr::StringLiteral(s) => Some(Const::Str(s.value.to_str().into())),
            Expr::BooleanLiteral(b) => Some(Const::Bool(b.value)),
            Expr::NoneLiteral(_) => Some(Const::None),
            Expr::Tuple(t) => {
                let items: Option<Vec<Const>> = t.elts.iter().map(fold).collect();
                Some(Const::Tuple(items?.into()))
            }
            Expr::UnaryOp(u) => {
                let v = to_v(&fold(&u.operand)?)?;
                match u.op {
                    ast::UnaryOp::Not => None,
                    ast::UnaryOp::USub => match num(&v)? {
                        Ok(i) => Some(from_int(-i)),
                        Err(f) => Some(Const::Float(-f)),
                    },
                    ast::UnaryOp::UAdd => match num(&v)? {
                        Ok(i) => Some(from_int(i)),
                        Err(f) => Some(Const::Float(f)),
                    },
                    ast::UnaryOp::Invert => match num(&v)? {
                        Ok(i) => Some(from_int(-i - 1)),
                        Err(_) => None,
                    },
                }
            }
            Expr::BinOp(b) => {
                let l = to_v(&fold(&b.left)?)?;
                let r = to_v(&fold(&b.right)?)?;
                binop(b.op, l, r)
            }
            _ => None,
        }
    }

    fn binop(op: ast::Operator, l: V, r: V) -> Option<Const> {
        use ast::Operator as O;
        // a bool repeating a sequence is the int it equals
        let int = |v: V| if let V::Bool(b) = v { V::Int(BigInt::from(b as i64)) } else { v };
        let seq = |v: &V| matches!(v, V::Str(_) | V::Tuple(_));
        let (l, r) = if seq(&l) || seq(&r) { (int(l), int(r)) } else { (l, r) };
        match (&l, &r) {
            (V::Str(a), V::Str(b)) if op == O::Add => return Some(Const::Str(format!("{a}{b}").into())),
            (V::Tuple(a), V::Tuple(b)) if op == O::Add => {
                if a.len() + b.len() > MAX_COLLECTION_SIZE {
                    return None;
                }
                return Some(Const::Tuple(a.iter().chain(b.iter()).cloned().collect::<Vec<_>>().into()));
            }
            (V::Str(s), V::Int(n)) | (V::Int(n), V::Str(s)) if op == O::Mult => {
                let n = n.to_i64()?.max(0) as usize;
                if s.chars().count() * n > MAX_STR_SIZE {
                    return None;
                }
                return Some(Const::Str(s.repeat(n).into()));
            }
            (V::Tuple(t), V::Int(n)) | (V::Int(n), V::Tuple(t)) if op == O::Mult => {
                let n = n.to_i64()?.max(0) as usize;
                if t.len() * n > MAX_COLLECTION_SIZE {
                    return None;
                }
                let items: Vec<Const> = t.iter().cloned().cycle().take(t.len() * n).collect();
                return Some(Const::Tuple(items.into()));
            }
            _ => {}
        }
        let (a, b) = (num(&l)?, num(&r)?);
        match (a, b) {
            (Ok(x), Ok(y)) => {
                let bits = |v: &BigInt| v.bits();
                let v = match op {
                    O::Add => x + y,
                    O::Sub => x - y,
                    O::Mult => {
                        if bits(&x) + bits(&y) > MAX_INT_SIZE {
                            return None;
                        }
                        x * y
                    }
                    O::Div => {
                        if y.is_zero() {
                            return None;
                        }
                        return Some(Const::Float(x.to_f64()? / y.to_f64()?));
                    }
                    O::FloorDiv | O::Mod => {
                        if y.is_zero() {
                            return None;
                        }
                        let q = {
                            let q = &x / &y;
                            let r = &x - &q * &y;
                            if !r.is_zero() && ((r < BigInt::zero()) != (y < BigInt::zero())) {
                                q - 1
                            } else {
                                q
                            }
                        };
                        if op == O::FloorDiv {
                            q
                        } else {
                            x - q * y
                        }
                    }
                    O::Pow => {
                        if y < BigInt::zero() {
                            return None;
                        }
                        let e = y.to_u64()?;
                        if bits(&x) * e > MAX_INT_SIZE {
                            return None;
                        }
                        num_traits::pow(x, e as usize)
                    }
                    O::LShift => {
                        let s = y.to_u64()?;
                        if s > MAX_INT_SIZE || bits(&x) > MAX_INT_SIZE - s {
                            return None;
                        }
                        x << s
                    }
                    O::RShift => {
                        let s = y.to_u64()?;
                        x >> s
                    }
                    O::BitAnd => x & y,
                    O::BitOr => x | y,
                    O::BitXor => x ^ y,
                    O::MatMult => return None,
                };
                Some(from_int(v))
            }
            (a, b) => {
                let f = |n: Result<BigInt, f64>| match n {
                    Ok(i) => i.to_f64().unwrap_or(f64::INFINITY),
                    Err(x) => x,
                };
                let (x, y) = (f(a), f(b));
                let v = match op {
                    O::Add => x + y,
                    O::Sub => x - y,
                    O::Mult => x * y,
                    O::Div if y != 0.0 => x / y,
                    O::FloorDiv if y != 0.0 => (x / y).floor(),
                    O::Pow if !((x == 0.0 && y < 0.0) || (x < 0.0 && y.fract() != 0.0)) => x.powf(y),
                    _ => return None,
                };
                if !v.is_finite() {
                    return None;
                }
                Some(Const::Float(v))
            }
        }
    }
}
