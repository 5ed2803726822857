//! AST → bytecode. Refuses what the interpreter does not model, before the
//! program runs, with the source range and a message saying what is supported.

use crate::code::{BinOp, CmpOp, Code, Const, Op, UnOp};
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use crate::source::LineIndex;

/// Why a program was refused before running.
#[derive(Debug, Clone)]
pub struct CompileError {
    pub message: String,
    pub start: u32,
    pub end: u32,
}

type CResult<T> = Result<T, CompileError>;

fn refuse<T>(what: &str, range: TextRange) -> CResult<T> {
    Err(CompileError {
        message: format!("not supported in gcplay: {what} (docs/language.md lists what is)"),
        start: range.start().to_u32(),
        end: range.end().to_u32(),
    })
}

#[derive(Clone, Copy, PartialEq)]
enum Scope {
    Module,
    Function,
}

struct Loop {
    start: u32,
    breaks: Vec<usize>,
    /// The loop keeps an iterator on the stack that `break` must pop.
    has_iter: bool,
}

struct Compiler<'a> {
    lines: &'a LineIndex,
    ops: Vec<Op>,
    op_lines: Vec<u32>,
    spans: Vec<(u32, u32)>,
    consts: Vec<Const>,
    names: Vec<Rc<str>>,
    name_idx: HashMap<Rc<str>, u32>,
    varnames: Vec<Rc<str>>,
    locals: HashMap<Rc<str>, u32>,
    globals_decl: HashSet<String>,
    scope: Scope,
    cur: (u32, u32),
    loops: Vec<Loop>,
}

/// Compile a parsed module into its code object.
pub fn compile_module(module: &ast::ModModule, lines: &LineIndex) -> CResult<Rc<Code>> {
    let mut c = Compiler::new(lines, Scope::Module);
    c.body(&module.body)?;
    let none = c.konst(Const::None);
    c.emit(Op::LoadConst(none));
    c.emit(Op::ReturnValue);
    Ok(Rc::new(c.finish("<module>".into(), 0, 1)))
}

impl<'a> Compiler<'a> {
    fn new(lines: &'a LineIndex, scope: Scope) -> Self {
        Compiler {
            lines,
            ops: Vec::new(),
            op_lines: Vec::new(),
            spans: Vec::new(),
            consts: Vec::new(),
            names: Vec::new(),
            name_idx: HashMap::new(),
            varnames: Vec::new(),
            locals: HashMap::new(),
            globals_decl: HashSet::new(),
            scope,
            cur: (0, 0),
            loops: Vec::new(),
        }
    }

    fn finish(self, name: Rc<str>, argcount: u32, first_line: u32) -> Code {
        Code {
            name,
            ops: self.ops,
            lines: self.op_lines,
            spans: self.spans,
            consts: self.consts,
            names: self.names,
            varnames: self.varnames,
            argcount,
            is_module: self.scope == Scope::Module,
            first_line,
        }
    }

    fn emit(&mut self, op: Op) -> usize {
        self.ops.push(op);
        self.op_lines.push(self.lines.line(self.cur.0));
        self.spans.push(self.cur);
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
            Op::JumpIfOrPop(b, _) => Op::JumpIfOrPop(b, target),
            Op::ForIter(_) => Op::ForIter(target),
            other => other,
        };
    }

    fn at(&mut self, r: TextRange) {
        self.cur = (r.start().to_u32(), r.end().to_u32());
    }

    fn konst(&mut self, k: Const) -> u32 {
        let same = |a: &Const, b: &Const| match (a, b) {
            (Const::None, Const::None) => true,
            (Const::Bool(x), Const::Bool(y)) => x == y,
            (Const::Int(x), Const::Int(y)) => x == y,
            (Const::Float(x), Const::Float(y)) => x.to_bits() == y.to_bits(),
            (Const::Str(x), Const::Str(y)) => x == y,
            (Const::Big(x), Const::Big(y)) => x == y,
            _ => false,
        };
        if let Some(i) = self.consts.iter().position(|c| same(c, &k)) {
            return i as u32;
        }
        self.consts.push(k);
        self.consts.len() as u32 - 1
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
        if let Some(&i) = self.locals.get(n) {
            return i;
        }
        let rc: Rc<str> = n.into();
        self.varnames.push(rc.clone());
        self.locals.insert(rc, self.varnames.len() as u32 - 1);
        self.varnames.len() as u32 - 1
    }

    fn body(&mut self, stmts: &[Stmt]) -> CResult<()> {
        for s in stmts {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn stmt(&mut self, s: &Stmt) -> CResult<()> {
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
                let Some(lp) = self.loops.last() else { return refuse("'break' outside a loop", b.range) };
                if lp.has_iter {
                    self.emit(Op::PopTop);
                }
                let j = self.emit(Op::Jump(0));
                self.loops.last_mut().expect("loop").breaks.push(j);
            }
            Stmt::Continue(c) => {
                self.emit(Op::Stmt);
                let Some(lp) = self.loops.last() else { return refuse("'continue' outside a loop", c.range) };
                let start = lp.start;
                self.emit(Op::Jump(start));
            }
            Stmt::Import(imp) => {
                self.emit(Op::Stmt);
                for alias in &imp.names {
                    let name = alias.name.id.as_str();
                    if !matches!(name, "sys" | "gc") {
                        return refuse(&format!("importing '{name}' (only sys and gc can be imported)"), alias.range);
                    }
                    let n = self.name(name);
                    self.emit(Op::ImportName(n));
                    let bind = alias.asname.as_ref().map(|a| a.id.as_str()).unwrap_or(name);
                    self.store_name(bind);
                }
            }
            Stmt::FunctionDef(f) => self.function_def(f)?,
            Stmt::Return(r) => {
                self.emit(Op::Stmt);
                if self.scope == Scope::Module {
                    return refuse("'return' outside a function", r.range);
                }
                match &r.value {
                    Some(v) => self.expr(v)?,
                    None => {
                        let k = self.konst(Const::None);
                        self.emit(Op::LoadConst(k));
                    }
                }
                self.emit(Op::ReturnValue);
            }
            Stmt::Global(g) => {
                self.emit(Op::Stmt);
                for n in &g.names {
                    self.globals_decl.insert(n.id.to_string());
                }
            }
            Stmt::ClassDef(c) => return refuse("class definitions", c.range),
            Stmt::With(w) => return refuse("'with' statements", w.range),
            Stmt::Match(m) => return refuse("'match' statements", m.range),
            Stmt::Try(t) => return refuse("'try' statements", t.range),
            Stmt::Raise(r) => return refuse("'raise'", r.range),
            Stmt::Assert(a) => return refuse("'assert'", a.range),
            Stmt::ImportFrom(i) => return refuse("'from ... import'", i.range),
            Stmt::Nonlocal(n) => return refuse("'nonlocal'", n.range),
            Stmt::AnnAssign(a) => return refuse("annotated assignments", a.range),
            Stmt::TypeAlias(t) => return refuse("'type' aliases", t.range),
            Stmt::IpyEscapeCommand(i) => return refuse("IPython escapes", i.range),
        }
        Ok(())
    }

    fn if_stmt(&mut self, i: &ast::StmtIf) -> CResult<()> {
        self.emit(Op::Stmt);
        self.expr(&i.test)?;
        let jf = self.emit(Op::PopJumpIfFalse(0));
        self.body(&i.body)?;
        let mut ends = Vec::new();
        let mut pending = Some(jf);
        for clause in &i.elif_else_clauses {
            ends.push(self.emit(Op::Jump(0)));
            let here = self.here();
            if let Some(p) = pending.take() {
                self.patch(p, here);
            }
            self.at(clause.range);
            if let Some(test) = &clause.test {
                self.emit(Op::Stmt);
                self.expr(test)?;
                pending = Some(self.emit(Op::PopJumpIfFalse(0)));
            }
            self.body(&clause.body)?;
        }
        let end = self.here();
        if let Some(p) = pending {
            self.patch(p, end);
        }
        for e in ends {
            self.patch(e, end);
        }
        Ok(())
    }

    fn while_stmt(&mut self, w: &ast::StmtWhile) -> CResult<()> {
        let start = self.here();
        self.emit(Op::Stmt);
        self.expr(&w.test)?;
        let exit = self.emit(Op::PopJumpIfFalse(0));
        self.loops.push(Loop { start, breaks: Vec::new(), has_iter: false });
        self.body(&w.body)?;
        self.emit(Op::Jump(start));
        let lp = self.loops.pop().expect("loop");
        let else_start = self.here();
        self.patch(exit, else_start);
        self.body(&w.orelse)?;
        let end = self.here();
        for b in lp.breaks {
            self.patch(b, end);
        }
        Ok(())
    }

    fn for_stmt(&mut self, f: &ast::StmtFor) -> CResult<()> {
        if f.is_async {
            return refuse("'async for'", f.range);
        }
        self.emit(Op::Stmt);
        self.expr(&f.iter)?;
        self.at(f.range);
        self.emit(Op::GetIter);
        let start = self.here();
        let fi = self.emit(Op::ForIter(0));
        self.store(&f.target)?;
        self.loops.push(Loop { start, breaks: Vec::new(), has_iter: true });
        self.body(&f.body)?;
        self.at(f.range);
        self.emit(Op::Stmt);
        self.emit(Op::Jump(start));
        let lp = self.loops.pop().expect("loop");
        let else_start = self.here();
        self.patch(fi, else_start);
        self.body(&f.orelse)?;
        let end = self.here();
        for b in lp.breaks {
            self.patch(b, end);
        }
        Ok(())
    }

    fn function_def(&mut self, f: &ast::StmtFunctionDef) -> CResult<()> {
        if self.scope != Scope::Module {
            return refuse("nested functions", f.range);
        }
        if !f.decorator_list.is_empty() {
            return refuse("decorators", f.range);
        }
        if f.is_async {
            return refuse("'async def'", f.range);
        }
        let p = &f.parameters;
        if !p.posonlyargs.is_empty() || p.vararg.is_some() || !p.kwonlyargs.is_empty() || p.kwarg.is_some() {
            return refuse("this kind of parameter", p.range);
        }
        self.emit(Op::Stmt);
        let mut fc = Compiler::new(self.lines, Scope::Function);
        let mut globals = HashSet::new();
        collect_globals(&f.body, &mut globals);
        for a in &p.args {
            fc.local(a.parameter.name.id.as_str());
        }
        collect_assigned(&f.body, &mut |n| {
            if !globals.contains(n) {
                fc.local(n);
            }
        });
        fc.globals_decl = globals;
        fc.body(&f.body)?;
        let none = fc.konst(Const::None);
        fc.at(f.range);
        fc.emit(Op::LoadConst(none));
        fc.emit(Op::ReturnValue);
        let first = self.lines.line(f.range.start().to_u32());
        let code = Rc::new(fc.finish(f.name.id.as_str().into(), p.args.len() as u32, first));
        let defaults: Vec<&Expr> = p.args.iter().filter_map(|a| a.default.as_deref()).collect();
        if !defaults.is_empty() {
            for d in &defaults {
                self.expr(d)?;
            }
            self.at(f.range);
            self.emit(Op::BuildTuple(defaults.len() as u32));
        }
        let k = self.konst(Const::Code(code));
        self.emit(Op::LoadConst(k));
        self.emit(Op::MakeFunction { defaults: !defaults.is_empty() });
        self.store_name(f.name.id.as_str());
        Ok(())
    }

    fn aug_assign(&mut self, a: &ast::StmtAugAssign) -> CResult<()> {
        let op = binop(a.op, a.range)?;
        match a.target.as_ref() {
            Expr::Name(n) => {
                self.load_name(n.id.as_str());
                self.expr(&a.value)?;
                self.at(a.range);
                self.emit(Op::InplaceBinary(op));
                self.store_name(n.id.as_str());
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.expr(&s.slice)?;
                self.emit(Op::Copy(2));
                self.emit(Op::Copy(2));
                self.emit(Op::BinarySubscr);
                self.expr(&a.value)?;
                self.at(a.range);
                self.emit(Op::InplaceBinary(op));
                self.emit(Op::Swap(3));
                self.emit(Op::Swap(2));
                self.emit(Op::StoreSubscr);
            }
            Expr::Attribute(at) => {
                self.expr(&at.value)?;
                self.emit(Op::Copy(1));
                let n = self.name(at.attr.id.as_str());
                self.emit(Op::LoadAttr(n));
                self.expr(&a.value)?;
                self.at(a.range);
                self.emit(Op::InplaceBinary(op));
                self.emit(Op::Swap(2));
                self.emit(Op::StoreAttr(n));
            }
            other => return refuse("this augmented assignment target", other.range()),
        }
        Ok(())
    }

    fn load_name(&mut self, n: &str) {
        match self.scope {
            Scope::Module => {
                let i = self.name(n);
                self.emit(Op::LoadName(i));
            }
            Scope::Function => {
                if let Some(&i) = self.locals.get(n) {
                    self.emit(Op::LoadFast(i));
                } else {
                    let i = self.name(n);
                    self.emit(Op::LoadGlobal(i));
                }
            }
        }
    }

    fn store_name(&mut self, n: &str) {
        match self.scope {
            Scope::Module => {
                let i = self.name(n);
                self.emit(Op::StoreName(i));
            }
            Scope::Function => {
                if self.globals_decl.contains(n) {
                    let i = self.name(n);
                    self.emit(Op::StoreGlobal(i));
                } else {
                    let i = self.local(n);
                    self.emit(Op::StoreFast(i));
                }
            }
        }
    }

    fn store(&mut self, t: &Expr) -> CResult<()> {
        match t {
            Expr::Name(n) => self.store_name(n.id.as_str()),
            Expr::Subscript(s) => {
                if matches!(s.slice.as_ref(), Expr::Slice(_)) {
                    return refuse("slice assignment", s.range);
                }
                self.expr(&s.value)?;
                self.expr(&s.slice)?;
                self.at(s.range);
                self.emit(Op::StoreSubscr);
            }
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                let n = self.name(a.attr.id.as_str());
                self.at(a.range);
                self.emit(Op::StoreAttr(n));
            }
            Expr::Tuple(ast::ExprTuple { elts, range, .. }) | Expr::List(ast::ExprList { elts, range, .. }) => {
                if elts.iter().any(|e| matches!(e, Expr::Starred(_))) {
                    return refuse("starred assignment targets", *range);
                }
                self.at(*range);
                self.emit(Op::UnpackSequence(elts.len() as u32));
                for e in elts {
                    self.store(e)?;
                }
            }
            other => return refuse("this assignment target", other.range()),
        }
        Ok(())
    }

    fn delete(&mut self, t: &Expr) -> CResult<()> {
        self.at(t.range());
        match t {
            Expr::Name(n) => {
                let name = n.id.as_str();
                match self.scope {
                    Scope::Module => {
                        let i = self.name(name);
                        self.emit(Op::DeleteName(i));
                    }
                    Scope::Function => {
                        if self.globals_decl.contains(name) {
                            let i = self.name(name);
                            self.emit(Op::DeleteGlobal(i));
                        } else {
                            let i = self.local(name);
                            self.emit(Op::DeleteFast(i));
                        }
                    }
                }
            }
            Expr::Subscript(s) => {
                if matches!(s.slice.as_ref(), Expr::Slice(_)) {
                    return refuse("deleting a slice", s.range);
                }
                self.expr(&s.value)?;
                self.expr(&s.slice)?;
                self.at(s.range);
                self.emit(Op::DeleteSubscr);
            }
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                let n = self.name(a.attr.id.as_str());
                self.at(a.range);
                self.emit(Op::DeleteAttr(n));
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                for e in elts {
                    self.delete(e)?;
                }
            }
            other => return refuse("this 'del' target", other.range()),
        }
        Ok(())
    }

    fn expr(&mut self, e: &Expr) -> CResult<()> {
        self.at(e.range());
        match e {
            Expr::NumberLiteral(n) => {
                let k = match &n.value {
                    ast::Number::Int(i) => match i.as_i64() {
                        Some(v) => Const::Int(v),
                        None => Const::Big(i.to_string().into()),
                    },
                    ast::Number::Float(f) => Const::Float(*f),
                    ast::Number::Complex { .. } => return refuse("complex numbers", n.range),
                };
                let k = self.konst(k);
                self.emit(Op::LoadConst(k));
            }
            Expr::StringLiteral(s) => {
                let k = self.konst(Const::Str(s.value.to_str().into()));
                self.emit(Op::LoadConst(k));
            }
            Expr::BooleanLiteral(b) => {
                let k = self.konst(Const::Bool(b.value));
                self.emit(Op::LoadConst(k));
            }
            Expr::NoneLiteral(_) => {
                let k = self.konst(Const::None);
                self.emit(Op::LoadConst(k));
            }
            Expr::Name(n) => self.load_name(n.id.as_str()),
            Expr::List(l) => {
                for x in &l.elts {
                    self.no_star(x)?;
                    self.expr(x)?;
                }
                self.at(l.range);
                self.emit(Op::BuildList(l.elts.len() as u32));
            }
            Expr::Tuple(t) => {
                if let Some(k) = const_tuple(&t.elts) {
                    let k = self.konst(k);
                    self.emit(Op::LoadConst(k));
                } else {
                    for x in &t.elts {
                        self.no_star(x)?;
                        self.expr(x)?;
                    }
                    self.at(t.range);
                    self.emit(Op::BuildTuple(t.elts.len() as u32));
                }
            }
            Expr::Dict(d) => {
                for item in &d.items {
                    let Some(k) = &item.key else { return refuse("'**' in dict displays", d.range) };
                    self.expr(k)?;
                    self.expr(&item.value)?;
                }
                self.at(d.range);
                self.emit(Op::BuildMap(d.items.len() as u32));
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
                let end = self.here();
                for j in jumps {
                    self.patch(j, end);
                }
            }
            Expr::Compare(c) => self.compare(c)?,
            Expr::If(i) => {
                self.expr(&i.test)?;
                let jf = self.emit(Op::PopJumpIfFalse(0));
                self.expr(&i.body)?;
                let j = self.emit(Op::Jump(0));
                let else_at = self.here();
                self.patch(jf, else_at);
                self.expr(&i.orelse)?;
                let end = self.here();
                self.patch(j, end);
            }
            Expr::Call(c) => self.call(c)?,
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                let n = self.name(a.attr.id.as_str());
                self.at(a.range);
                self.emit(Op::LoadAttr(n));
            }
            Expr::Subscript(s) => {
                if matches!(s.slice.as_ref(), Expr::Slice(_)) {
                    return refuse("slicing", s.range);
                }
                self.expr(&s.value)?;
                self.expr(&s.slice)?;
                self.at(s.range);
                self.emit(Op::BinarySubscr);
            }
            Expr::FString(f) => return refuse("f-strings", f.range),
            Expr::Lambda(l) => return refuse("lambda", l.range),
            Expr::ListComp(l) => return refuse("comprehensions", l.range),
            Expr::SetComp(l) => return refuse("comprehensions", l.range),
            Expr::DictComp(l) => return refuse("comprehensions", l.range),
            Expr::Generator(g) => return refuse("generator expressions", g.range),
            Expr::Set(s) => return refuse("sets", s.range),
            Expr::Named(n) => return refuse("the walrus operator ':='", n.range),
            Expr::Await(a) => return refuse("'await'", a.range),
            Expr::Yield(y) => return refuse("'yield'", y.range),
            Expr::YieldFrom(y) => return refuse("'yield from'", y.range),
            Expr::TString(t) => return refuse("t-strings", t.range),
            Expr::BytesLiteral(b) => return refuse("bytes literals", b.range),
            Expr::EllipsisLiteral(x) => return refuse("'...'", x.range),
            Expr::Starred(s) => return refuse("'*' here", s.range),
            Expr::Slice(s) => return refuse("slices", s.range),
            Expr::IpyEscapeCommand(i) => return refuse("IPython escapes", i.range),
        }
        Ok(())
    }

    fn no_star(&self, e: &Expr) -> CResult<()> {
        if let Expr::Starred(s) = e {
            return refuse("'*' unpacking in displays", s.range);
        }
        Ok(())
    }

    fn compare(&mut self, c: &ast::ExprCompare) -> CResult<()> {
        self.expr(&c.left)?;
        let n = c.ops.len();
        let mut cleanups = Vec::new();
        for (i, (op, right)) in c.ops.iter().zip(c.comparators.iter()).enumerate() {
            self.expr(right)?;
            self.at(c.range());
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
            let cleanup = self.here();
            for cj in cleanups {
                self.patch(cj, cleanup);
            }
            self.emit(Op::Swap(2));
            self.emit(Op::PopTop);
            let end = self.here();
            self.patch(j, end);
        }
        Ok(())
    }

    fn call(&mut self, c: &ast::ExprCall) -> CResult<()> {
        match c.func.as_ref() {
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                let n = self.name(a.attr.id.as_str());
                self.at(a.range);
                self.emit(Op::LoadMethod(n));
            }
            f => {
                self.expr(f)?;
                self.at(c.range());
                self.emit(Op::PushNull);
            }
        }
        for a in c.arguments.args.iter() {
            if let Expr::Starred(s) = a {
                return refuse("'*args' in calls", s.range);
            }
            self.expr(a)?;
        }
        let mut kwnames = Vec::new();
        for k in c.arguments.keywords.iter() {
            let Some(arg) = &k.arg else { return refuse("'**kwargs' in calls", k.range) };
            self.expr(&k.value)?;
            kwnames.push(Const::Str(arg.id.as_str().into()));
        }
        self.at(c.range());
        let argc = (c.arguments.args.len() + kwnames.len()) as u32;
        if kwnames.is_empty() {
            self.emit(Op::Call(argc));
        } else {
            let k = self.konst(Const::Tuple(kwnames.into()));
            self.emit(Op::CallKw(argc, k));
        }
        Ok(())
    }
}

fn const_tuple(elts: &[Expr]) -> Option<Const> {
    let mut out = Vec::with_capacity(elts.len());
    for e in elts {
        out.push(match e {
            Expr::NumberLiteral(n) => match &n.value {
                ast::Number::Int(i) => match i.as_i64() {
                    Some(v) => Const::Int(v),
                    None => Const::Big(i.to_string().into()),
                },
                ast::Number::Float(f) => Const::Float(*f),
                _ => return None,
            },
            Expr::StringLiteral(s) => Const::Str(s.value.to_str().into()),
            Expr::BooleanLiteral(b) => Const::Bool(b.value),
            Expr::NoneLiteral(_) => Const::None,
            Expr::Tuple(t) => const_tuple(&t.elts)?,
            _ => return None,
        });
    }
    Some(Const::Tuple(out.into()))
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

/// Names bound anywhere in a function body (not inside nested scopes).
fn collect_assigned(stmts: &[Stmt], f: &mut dyn FnMut(&str)) {
    fn target(e: &Expr, f: &mut dyn FnMut(&str)) {
        match e {
            Expr::Name(n) => f(n.id.as_str()),
            Expr::Tuple(t) => t.elts.iter().for_each(|x| target(x, f)),
            Expr::List(l) => l.elts.iter().for_each(|x| target(x, f)),
            Expr::Starred(s) => target(&s.value, f),
            _ => {}
        }
    }
    for s in stmts {
        match s {
            Stmt::Assign(a) => a.targets.iter().for_each(|t| target(t, f)),
            Stmt::AugAssign(a) => target(&a.target, f),
            Stmt::Delete(d) => d.targets.iter().for_each(|t| target(t, f)),
            Stmt::For(x) => {
                target(&x.target, f);
                collect_assigned(&x.body, f);
                collect_assigned(&x.orelse, f);
            }
            Stmt::While(w) => {
                collect_assigned(&w.body, f);
                collect_assigned(&w.orelse, f);
            }
            Stmt::If(i) => {
                collect_assigned(&i.body, f);
                for c in &i.elif_else_clauses {
                    collect_assigned(&c.body, f);
                }
            }
            Stmt::FunctionDef(d) => f(d.name.id.as_str()),
            Stmt::ClassDef(c) => f(c.name.id.as_str()),
            Stmt::Import(i) => {
                for a in &i.names {
                    f(a.asname.as_ref().map(|x| x.id.as_str()).unwrap_or(a.name.id.as_str()))
                }
            }
            _ => {}
        }
    }
}

fn collect_globals(stmts: &[Stmt], out: &mut HashSet<String>) {
    for s in stmts {
        match s {
            Stmt::Global(g) => g.names.iter().for_each(|n| {
                out.insert(n.id.to_string());
            }),
            Stmt::For(x) => {
                collect_globals(&x.body, out);
                collect_globals(&x.orelse, out);
            }
            Stmt::While(w) => {
                collect_globals(&w.body, out);
                collect_globals(&w.orelse, out);
            }
            Stmt::If(i) => {
                collect_globals(&i.body, out);
                for c in &i.elif_else_clauses {
                    collect_globals(&c.body, out);
                }
            }
            _ => {}
        }
    }
}
