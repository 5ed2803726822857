//! Scopes and names, as CPython's symtable decides them: which names are
//! locals, globals, cells (captured by an inner function) or free (captured
//! from an enclosing function). The compiler asks this table how to load and
//! store each name.

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, Stmt};
use std::collections::{HashMap, HashSet};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Module,
    Class,
    Function,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Resolved {
    /// A fast local of a function (or a hidden comprehension variable).
    Fast,
    /// A cell or free variable: loaded through its cell.
    Deref,
    /// A module-level or class-level name (LOAD_NAME / STORE_NAME).
    Name,
    /// A global (LOAD_GLOBAL / STORE_GLOBAL).
    Global,
}

#[derive(Default, Debug)]
pub struct Scope {
    pub kind: Option<Kind>,
    pub parent: Option<usize>,
    pub params: Vec<String>,
    /// Names bound in this scope, in first-binding order.
    pub bound: Vec<String>,
    bound_set: HashSet<String>,
    pub used: HashSet<String>,
    pub globals: HashSet<String>,
    pub nonlocals: HashSet<String>,
    /// Cell variables (bound here, captured by an inner scope), in order.
    pub cells: Vec<String>,
    /// Free variables (captured from an enclosing function), in order.
    pub frees: Vec<String>,
    /// The scope uses `super` or `__class__` (a method needs the class cell).
    pub uses_class: bool,
    pub is_generator: bool,
}

impl Scope {
    fn bind(&mut self, n: &str) {
        if self.bound_set.insert(n.to_string()) {
            self.bound.push(n.to_string());
        }
    }
    pub fn binds(&self, n: &str) -> bool {
        self.bound_set.contains(n)
    }
}

pub struct SymTable {
    pub scopes: Vec<Scope>,
    /// Scope of each function, lambda, class and generator expression, by its start offset.
    pub by_node: HashMap<u32, usize>,
}

impl SymTable {
    pub fn build(module: &ast::ModModule) -> SymTable {
        let mut b = Builder { t: SymTable { scopes: Vec::new(), by_node: HashMap::new() }, cur: 0 };
        b.t.scopes.push(Scope { kind: Some(Kind::Module), ..Scope::default() });
        for s in &module.body {
            b.visit_stmt(s);
        }
        b.t.resolve();
        b.t
    }

    pub fn scope_of(&self, start: u32) -> usize {
        self.by_node[&start]
    }

    /// How a name used in `scope` is loaded and stored.
    pub fn resolve_name(&self, scope: usize, name: &str) -> Resolved {
        let s = &self.scopes[scope];
        if s.globals.contains(name) {
            return Resolved::Global;
        }
        if s.cells.iter().any(|c| c == name) || s.frees.iter().any(|c| c == name) {
            return Resolved::Deref;
        }
        match s.kind {
            Some(Kind::Function) => {
                if s.binds(name) {
                    Resolved::Fast
                } else {
                    Resolved::Global
                }
            }
            _ => Resolved::Name,
        }
    }

    fn resolve(&mut self) {
        // Free names: used (or declared nonlocal) in a function scope, not bound
        // there, and bound in an enclosing function scope.
        let n = self.scopes.len();
        for i in 0..n {
            let s = &self.scopes[i];
            let mut wanted: Vec<String> = Vec::new();
            let mut names: Vec<&String> = s.used.iter().chain(s.nonlocals.iter()).collect();
            names.sort();
            names.dedup();
            for name in names {
                if s.globals.contains(name) || (s.binds(name) && !s.nonlocals.contains(name)) {
                    continue;
                }
                if s.kind == Some(Kind::Module) {
                    continue;
                }
                wanted.push(name.clone());
            }
            if s.uses_class && s.kind == Some(Kind::Function) {
                wanted.push("__class__".into());
            }
            for name in wanted {
                if name == "__class__" {
                    // the nearest enclosing class provides the cell
                    let mut p = self.scopes[i].parent;
                    let mut path = vec![i];
                    while let Some(pi) = p {
                        if self.scopes[pi].kind == Some(Kind::Class) {
                            if !self.scopes[pi].cells.contains(&name) {
                                self.scopes[pi].cells.push(name.clone());
                            }
                            for &q in &path {
                                if !self.scopes[q].frees.contains(&name) {
                                    self.scopes[q].frees.push(name.clone());
                                }
                            }
                            break;
                        }
                        path.push(pi);
                        p = self.scopes[pi].parent;
                    }
                    continue;
                }
                let mut p = self.scopes[i].parent;
                let mut path = vec![i];
                while let Some(pi) = p {
                    let ps = &self.scopes[pi];
                    if ps.kind == Some(Kind::Function) && ps.binds(&name) && !ps.globals.contains(&name) {
                        if !ps.nonlocals.contains(&name) {
                            if !self.scopes[pi].cells.contains(&name) {
                                self.scopes[pi].cells.push(name.clone());
                            }
                        } else if !self.scopes[pi].frees.contains(&name) {
                            self.scopes[pi].frees.push(name.clone());
                        }
                        for &q in &path {
                            if !self.scopes[q].frees.contains(&name) {
                                self.scopes[q].frees.push(name.clone());
                            }
                        }
                        break;
                    }
                    if ps.kind == Some(Kind::Module) {
                        break;
                    }
                    path.push(pi);
                    p = ps.parent;
                }
            }
        }
    }
}

struct Builder {
    t: SymTable,
    cur: usize,
}

impl Builder {
    fn scope(&mut self) -> &mut Scope {
        &mut self.t.scopes[self.cur]
    }

    fn enter(&mut self, kind: Kind, start: u32) -> usize {
        let id = self.t.scopes.len();
        self.t.scopes.push(Scope { kind: Some(kind), parent: Some(self.cur), ..Scope::default() });
        self.t.by_node.insert(start, id);
        let prev = self.cur;
        self.cur = id;
        prev
    }

    fn bind_target(&mut self, e: &Expr) {
        match e {
            Expr::Name(n) => self.scope().bind(n.id.as_str()),
            Expr::Tuple(t) => t.elts.iter().for_each(|x| self.bind_target(x)),
            Expr::List(l) => l.elts.iter().for_each(|x| self.bind_target(x)),
            Expr::Starred(s) => self.bind_target(&s.value),
            _ => {}
        }
    }

    /// Parameters in CPython's `co_varnames` order: positional, keyword-only, *args, **kwargs.
    fn parameters(&mut self, p: &ast::Parameters) {
        let mut names: Vec<String> = Vec::new();
        for a in p.posonlyargs.iter().chain(p.args.iter()).chain(p.kwonlyargs.iter()) {
            names.push(a.parameter.name.id.to_string());
        }
        if let Some(v) = &p.vararg {
            names.push(v.name.id.to_string());
        }
        if let Some(v) = &p.kwarg {
            names.push(v.name.id.to_string());
        }
        for n in names {
            self.scope().params.push(n.clone());
            self.scope().bind(&n);
        }
    }

    /// Defaults are evaluated in the enclosing scope.
    fn defaults(&mut self, p: &ast::Parameters) {
        for a in p.posonlyargs.iter().chain(p.args.iter()).chain(p.kwonlyargs.iter()) {
            if let Some(d) = &a.default {
                self.visit_expr(d);
            }
        }
    }

    fn comprehension_body(&mut self, generators: &[ast::Comprehension], elts: &[&Expr]) {
        for (i, g) in generators.iter().enumerate() {
            if i > 0 {
                self.visit_expr(&g.iter);
            }
            self.bind_target(&g.target);
            for cond in &g.ifs {
                self.visit_expr(cond);
            }
        }
        for e in elts {
            self.visit_expr(e);
        }
    }
}

impl<'a> Visitor<'a> for Builder {
    fn visit_stmt(&mut self, s: &'a Stmt) {
        match s {
            Stmt::FunctionDef(f) => {
                self.scope().bind(f.name.id.as_str());
                for d in &f.decorator_list {
                    self.visit_expr(&d.expression);
                }
                self.defaults(&f.parameters);
                let prev = self.enter(Kind::Function, f.range.start().to_u32());
                self.parameters(&f.parameters);
                for st in &f.body {
                    self.visit_stmt(st);
                }
                self.cur = prev;
            }
            Stmt::ClassDef(c) => {
                self.scope().bind(c.name.id.as_str());
                if let Some(args) = &c.arguments {
                    self.visit_arguments(args);
                }
                let prev = self.enter(Kind::Class, c.range.start().to_u32());
                for st in &c.body {
                    self.visit_stmt(st);
                }
                self.cur = prev;
            }
            Stmt::Global(g) => {
                for n in &g.names {
                    self.scope().globals.insert(n.id.to_string());
                }
            }
            Stmt::Nonlocal(n) => {
                for x in &n.names {
                    self.scope().nonlocals.insert(x.id.to_string());
                    self.scope().bind(x.id.as_str());
                }
            }
            Stmt::Import(i) => {
                for a in &i.names {
                    let n = a.asname.as_ref().map(|x| x.id.as_str()).unwrap_or(a.name.id.as_str());
                    self.scope().bind(n.split('.').next().unwrap_or(n));
                }
            }
            Stmt::ImportFrom(i) => {
                for a in &i.names {
                    let n = a.asname.as_ref().map(|x| x.id.as_str()).unwrap_or(a.name.id.as_str());
                    self.scope().bind(n);
                }
            }
            Stmt::Try(t) => {
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    if let Some(n) = &h.name {
                        self.scope().bind(n.id.as_str());
                    }
                }
                visitor::walk_stmt(self, s);
            }
            _ => visitor::walk_stmt(self, s),
        }
    }

    fn visit_expr(&mut self, e: &'a Expr) {
        match e {
            Expr::Name(n) => match n.ctx {
                ast::ExprContext::Load => {
                    let id = n.id.as_str();
                    if id == "super" || id == "__class__" {
                        self.scope().uses_class = true;
                    }
                    self.scope().used.insert(id.to_string());
                }
                _ => self.scope().bind(n.id.as_str()),
            },
            Expr::Lambda(l) => {
                if let Some(p) = &l.parameters {
                    self.defaults(p);
                }
                let prev = self.enter(Kind::Function, l.range.start().to_u32());
                if let Some(p) = &l.parameters {
                    self.parameters(p);
                }
                self.visit_expr(&l.body);
                self.cur = prev;
            }
            Expr::Generator(g) => {
                // the first iterable is evaluated outside; the rest is a function of `.0`
                self.visit_expr(&g.generators[0].iter);
                let prev = self.enter(Kind::Function, g.range.start().to_u32());
                self.scope().params.push(".0".into());
                self.scope().bind(".0");
                self.scope().is_generator = true;
                self.comprehension_body(&g.generators, &[&g.elt]);
                self.cur = prev;
            }
            // List, set and dict comprehensions are inlined (PEP 709): their
            // variables are hidden fast locals of the enclosing scope.
            Expr::ListComp(c) => {
                self.visit_expr(&c.generators[0].iter);
                self.comprehension_body(&c.generators, &[&c.elt]);
            }
            Expr::SetComp(c) => {
                self.visit_expr(&c.generators[0].iter);
                self.comprehension_body(&c.generators, &[&c.elt]);
            }
            Expr::DictComp(c) => {
                self.visit_expr(&c.generators[0].iter);
                let mut elts: Vec<&Expr> = Vec::new();
                if let Some(k) = &c.key {
                    elts.push(k);
                }
                elts.push(&c.value);
                self.comprehension_body(&c.generators, &elts);
            }
            Expr::Yield(_) | Expr::YieldFrom(_) => {
                self.scope().is_generator = true;
                visitor::walk_expr(self, e);
            }
            _ => visitor::walk_expr(self, e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(src: &str) -> SymTable {
        SymTable::build(ruff_python_parser::parse_module(src).expect("parse").syntax())
    }

    #[test]
    fn a_captured_local_becomes_a_cell_and_the_inner_name_free() {
        let t = table("def outer():\n    x = 1\n    def inner():\n        return x\n    return inner\n");
        let outer = &t.scopes[1];
        let inner = &t.scopes[2];
        assert_eq!(outer.cells, vec!["x"]);
        assert_eq!(inner.frees, vec!["x"]);
        assert_eq!(t.resolve_name(2, "x"), Resolved::Deref);
        assert_eq!(t.resolve_name(1, "inner"), Resolved::Fast);
    }

    #[test]
    fn super_gives_the_class_a_class_cell() {
        let t = table("class A:\n    def m(self):\n        return super().m()\n");
        assert_eq!(t.scopes[1].cells, vec!["__class__"]);
        assert_eq!(t.scopes[2].frees, vec!["__class__"]);
    }

    #[test]
    fn globals_and_nonlocals() {
        let t = table(
            "g = 0\ndef f():\n    global g\n    g = 1\n    n = 0\n    def h():\n        nonlocal n\n        n += 1\n",
        );
        assert_eq!(t.resolve_name(1, "g"), Resolved::Global);
        assert_eq!(t.scopes[1].cells, vec!["n"]);
        assert_eq!(t.resolve_name(2, "n"), Resolved::Deref);
    }
}
