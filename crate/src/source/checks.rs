//! The SyntaxErrors CPython raises for programs Ruff's parser accepts: what
//! 3.12 and 3.13's grammar refuses but later versions allow (`except A, B:`),
//! and what CPython finds after parsing: its symtable's (`global` and `nonlocal` misuse, duplicate
//! parameters, `yield` outside a function) and its compiler's (`return`,
//! `break`, `continue`, `await` where they cannot be, a starred assignment
//! target, a repeated keyword argument, a bare `except:` before others).
//! CPython reports a parse error first, then the symtable's first
//! error found while walking the module, else one found in its analysis
//! afterwards (a `nonlocal` with no binding), else the compiler's first, in
//! source order; these come before anything gcplay refuses to run.
//!
//! The walk recurses over the tree as `symtable.rs` does (the nesting guard
//! bounds both).

use super::SyntaxErr;
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, ModModule, Stmt};
use ruff_text_size::{Ranged, TextRange};
use std::collections::HashSet;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Module,
    Class,
    Function {
        is_async: bool,
    },
    /// What CPython calls it: "list comprehension", "generator expression", ...
    Comprehension(&'static str),
}

struct Scope {
    kind: Kind,
    parent: Option<usize>,
    params: HashSet<String>,
    /// Names bound so far (in walk order; imports included), assigned so far
    /// (imports not), annotated, and used so far.
    bound: HashSet<String>,
    assigned: HashSet<String>,
    annotated: HashSet<String>,
    used: HashSet<String>,
    globals: HashSet<String>,
    nonlocals: HashSet<String>,
}

struct Checker<'s> {
    src: &'s str,
    scopes: Vec<Scope>,
    cur: usize,
    /// Loops around the current statement within its function or class body.
    loops: u32,
    parse_error: Option<SyntaxErr>,
    symtable_error: Option<SyntaxErr>,
    compile_error: Option<SyntaxErr>,
    /// Each name of each `global` and `nonlocal` statement: its scope, the name, the statement.
    directives: Vec<(usize, String, TextRange)>,
}

/// The first SyntaxError CPython's symtable or compiler reports for `module`.
pub fn check(src: &str, module: &ModModule) -> Result<(), SyntaxErr> {
    let mut c = Checker {
        src,
        scopes: vec![Scope::new(Kind::Module, None)],
        cur: 0,
        loops: 0,
        parse_error: None,
        symtable_error: None,
        compile_error: None,
        directives: Vec::new(),
    };
    for s in &module.body {
        c.visit_stmt(s);
    }
    if let Some(e) = c.parse_error.take() {
        return Err(e);
    }
    if let Some(e) = c.symtable_error.take() {
        return Err(e);
    }
    // the analysis, scope by scope: a name both nonlocal and global (named at
    // its first statement), a nonlocal with no binding
    let mut directives = std::mem::take(&mut c.directives);
    directives.sort_by_key(|d| d.0);
    for (i, (scope, name, range)) in directives.iter().enumerate() {
        let s = &c.scopes[*scope];
        if s.globals.contains(name) && s.nonlocals.contains(name) {
            let first = directives[..=i].iter().find(|d| d.0 == *scope && d.1 == *name).map_or(*range, |d| d.2);
            return Err(c.error(&format!("name '{name}' is nonlocal and global"), first));
        }
        if s.nonlocals.contains(name) && !s.globals.contains(name) && !c.has_binding(*scope, name) {
            return Err(c.error(&format!("no binding for nonlocal '{name}' found"), *range));
        }
    }
    match c.compile_error {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

impl Scope {
    fn new(kind: Kind, parent: Option<usize>) -> Scope {
        Scope {
            kind,
            parent,
            params: HashSet::new(),
            bound: HashSet::new(),
            assigned: HashSet::new(),
            annotated: HashSet::new(),
            used: HashSet::new(),
            globals: HashSet::new(),
            nonlocals: HashSet::new(),
        }
    }
}

impl Checker<'_> {
    fn error(&self, message: &str, range: TextRange) -> SyntaxErr {
        SyntaxErr::compiler(self.src, message, range.start().to_u32(), range.end().to_u32())
    }

    fn parser(&mut self, message: &str, range: TextRange) {
        if self.parse_error.is_none() {
            self.parse_error = Some(self.error(message, range));
        }
    }

    fn symtable(&mut self, message: &str, range: TextRange) {
        if self.symtable_error.is_none() {
            self.symtable_error = Some(self.error(message, range));
        }
    }

    fn compiler(&mut self, message: &str, range: TextRange) {
        if self.compile_error.is_none() {
            self.compile_error = Some(self.error(message, range));
        }
    }

    fn scope(&mut self) -> &mut Scope {
        &mut self.scopes[self.cur]
    }

    fn kind(&self) -> Kind {
        self.scopes[self.cur].kind
    }

    /// The function (or module or class) the current code runs in: comprehensions are seen through.
    fn frame_kind(&self) -> Kind {
        let mut s = self.cur;
        while matches!(self.scopes[s].kind, Kind::Comprehension(_)) {
            match self.scopes[s].parent {
                Some(p) => s = p,
                None => break,
            }
        }
        self.scopes[s].kind
    }

    fn enter(&mut self, kind: Kind) -> (usize, u32) {
        self.scopes.push(Scope::new(kind, Some(self.cur)));
        let saved = (self.cur, self.loops);
        self.cur = self.scopes.len() - 1;
        self.loops = 0;
        saved
    }

    fn leave(&mut self, (cur, loops): (usize, u32)) {
        self.cur = cur;
        self.loops = loops;
    }

    fn bind(&mut self, name: &str) {
        self.bind_import(name);
        if !self.scope().assigned.contains(name) {
            self.scope().assigned.insert(name.to_string());
        }
    }

    /// An import binds the name, but CPython's `global` and `nonlocal` do not count it as an assignment.
    fn bind_import(&mut self, name: &str) {
        if !self.scope().bound.contains(name) {
            self.scope().bound.insert(name.to_string());
        }
    }

    fn bind_target(&mut self, e: &Expr) {
        match e {
            Expr::Name(n) => self.bind(n.id.as_str()),
            Expr::Tuple(t) => t.elts.iter().for_each(|x| self.bind_target(x)),
            Expr::List(l) => l.elts.iter().for_each(|x| self.bind_target(x)),
            Expr::Starred(s) => self.bind_target(&s.value),
            _ => {}
        }
    }

    /// A function's or lambda's parameters, in the new scope.
    fn parameters(&mut self, p: &ast::Parameters) {
        let names = p
            .posonlyargs
            .iter()
            .chain(p.args.iter())
            .map(|a| &a.parameter.name)
            .chain(p.vararg.iter().map(|v| &v.name))
            .chain(p.kwonlyargs.iter().map(|a| &a.parameter.name))
            .chain(p.kwarg.iter().map(|v| &v.name));
        for name in names {
            if !self.scope().params.insert(name.id.to_string()) {
                self.symtable(&format!("duplicate argument '{}' in function definition", name.id), name.range);
            }
            self.bind(name.id.as_str());
        }
    }

    /// Defaults and annotations, evaluated in the enclosing scope.
    fn parameter_values(&mut self, p: &ast::Parameters) {
        for a in p.posonlyargs.iter().chain(p.args.iter()).chain(p.kwonlyargs.iter()) {
            if let Some(d) = &a.default {
                self.visit_expr(d);
            }
        }
    }

    fn declaration(&mut self, stmt: &Stmt, names: &[ast::Identifier], global: bool) {
        let what = if global { "global" } else { "nonlocal" };
        let range = stmt.range();
        for name in names {
            let n = name.id.as_str();
            let s = &self.scopes[self.cur];
            let message = if s.params.contains(n) {
                Some(format!("name '{n}' is parameter and {what}"))
            } else if s.globals.contains(n) || s.nonlocals.contains(n) {
                None
            } else if s.used.contains(n) {
                Some(format!("name '{n}' is used prior to {what} declaration"))
            } else if s.annotated.contains(n) {
                Some(format!("annotated name '{n}' can't be {what}"))
            } else if s.assigned.contains(n) {
                Some(format!("name '{n}' is assigned to before {what} declaration"))
            } else if !global && s.kind == Kind::Module {
                Some("nonlocal declaration not allowed at module level".to_string())
            } else {
                None
            };
            if let Some(m) = message {
                self.symtable(&m, range);
            }
            if global {
                self.scope().globals.insert(n.to_string());
            } else if self.kind() != Kind::Module {
                self.scope().nonlocals.insert(n.to_string());
            }
            self.directives.push((self.cur, n.to_string(), range));
        }
    }

    /// Whether an enclosing function binds `name` (for a `nonlocal` in `scope`).
    fn has_binding(&self, scope: usize, name: &str) -> bool {
        let mut p = self.scopes[scope].parent;
        while let Some(i) = p {
            let s = &self.scopes[i];
            match s.kind {
                Kind::Module => return false,
                Kind::Function { .. } | Kind::Comprehension(_) => {
                    if s.globals.contains(name) {
                        return false;
                    }
                    if s.bound.contains(name) || s.nonlocals.contains(name) {
                        return true;
                    }
                }
                Kind::Class => {}
            }
            p = s.parent;
        }
        false
    }

    fn comprehension(&mut self, what: &'static str, generators: &[ast::Comprehension], elts: &[&Expr]) {
        if let Some(first) = generators.first() {
            self.visit_expr(&first.iter);
        }
        let saved = self.enter(Kind::Comprehension(what));
        for (i, g) in generators.iter().enumerate() {
            if i > 0 {
                self.visit_expr(&g.iter);
            }
            self.bind_target(&g.target);
            self.visit_expr(&g.target);
            for cond in &g.ifs {
                self.visit_expr(cond);
            }
        }
        for e in elts {
            self.visit_expr(e);
        }
        self.leave(saved);
    }

    fn starred_target(&mut self, target: &Expr) {
        let elts = match target {
            Expr::Starred(s) => return self.compiler("starred assignment target must be in a list or tuple", s.range),
            Expr::Tuple(t) => &t.elts,
            Expr::List(l) => &l.elts,
            _ => return,
        };
        if elts.iter().filter(|e| matches!(e, Expr::Starred(_))).count() > 1 {
            self.compiler("multiple starred expressions in assignment", target.range());
        }
    }
}

impl<'a> Visitor<'a> for Checker<'_> {
    fn visit_stmt(&mut self, s: &'a Stmt) {
        match s {
            Stmt::FunctionDef(f) => {
                for d in &f.decorator_list {
                    self.visit_expr(&d.expression);
                }
                self.parameter_values(&f.parameters);
                self.bind(f.name.id.as_str());
                let saved = self.enter(Kind::Function { is_async: f.is_async });
                self.parameters(&f.parameters);
                for st in &f.body {
                    self.visit_stmt(st);
                }
                self.leave(saved);
            }
            Stmt::ClassDef(c) => {
                for d in &c.decorator_list {
                    self.visit_expr(&d.expression);
                }
                if let Some(args) = &c.arguments {
                    self.visit_arguments(args);
                }
                self.bind(c.name.id.as_str());
                let saved = self.enter(Kind::Class);
                for st in &c.body {
                    self.visit_stmt(st);
                }
                self.leave(saved);
            }
            Stmt::Global(g) => self.declaration(s, &g.names, true),
            Stmt::Nonlocal(n) => self.declaration(s, &n.names, false),
            Stmt::Return(r) => {
                if !matches!(self.kind(), Kind::Function { .. }) {
                    self.compiler("'return' outside function", r.range);
                }
                visitor::walk_stmt(self, s);
            }
            Stmt::Break(b) if self.loops == 0 => self.compiler("'break' outside loop", b.range),
            Stmt::Continue(c) if self.loops == 0 => self.compiler("'continue' not properly in loop", c.range),
            Stmt::For(f) => {
                self.visit_expr(&f.iter);
                self.starred_target(&f.target);
                self.visit_expr(&f.target);
                self.loops += 1;
                self.visit_body(&f.body);
                self.loops -= 1;
                self.visit_body(&f.orelse);
            }
            Stmt::While(w) => {
                self.visit_expr(&w.test);
                self.loops += 1;
                self.visit_body(&w.body);
                self.loops -= 1;
                self.visit_body(&w.orelse);
            }
            Stmt::Assign(a) => {
                self.visit_expr(&a.value);
                for t in &a.targets {
                    self.starred_target(t);
                    self.visit_expr(t);
                }
            }
            Stmt::AugAssign(a) => {
                self.visit_expr(&a.value);
                self.visit_expr(&a.target);
            }
            Stmt::AnnAssign(a) => {
                if let Expr::Name(n) = &*a.target {
                    if a.simple && !self.scope().annotated.contains(n.id.as_str()) {
                        self.scope().annotated.insert(n.id.to_string());
                    }
                }
                visitor::walk_stmt(self, s);
            }
            Stmt::Import(i) => {
                for a in &i.names {
                    let n = a.asname.as_ref().map_or(a.name.id.as_str(), |x| x.id.as_str());
                    self.bind_import(n.split('.').next().unwrap_or(n));
                }
            }
            Stmt::ImportFrom(i) => {
                for a in &i.names {
                    let n = a.asname.as_ref().map_or(a.name.id.as_str(), |x| x.id.as_str());
                    self.bind_import(n);
                }
            }
            Stmt::Try(t) => {
                for (i, h) in t.handlers.iter().enumerate() {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    if h.type_.is_none() && i + 1 < t.handlers.len() {
                        self.compiler("default 'except:' must be last", h.range);
                    }
                    if let Some(Expr::Tuple(tuple)) = h.type_.as_deref() {
                        if !tuple.parenthesized {
                            // Python 3.14 allows it; 3.12 and 3.13's parser does not
                            self.parser("multiple exception types must be parenthesized", tuple.range);
                        }
                    }
                    if let Some(n) = &h.name {
                        self.bind(n.id.as_str());
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
                    if !self.scope().used.contains(n.id.as_str()) {
                        self.scope().used.insert(n.id.to_string());
                    }
                }
                _ => self.bind(n.id.as_str()),
            },
            Expr::Lambda(l) => {
                if let Some(p) = &l.parameters {
                    self.parameter_values(p);
                }
                let saved = self.enter(Kind::Function { is_async: false });
                if let Some(p) = &l.parameters {
                    self.parameters(p);
                }
                self.visit_expr(&l.body);
                self.leave(saved);
            }
            Expr::Generator(g) => self.comprehension("generator expression", &g.generators, &[&g.elt]),
            Expr::ListComp(c) => self.comprehension("list comprehension", &c.generators, &[&c.elt]),
            Expr::SetComp(c) => self.comprehension("set comprehension", &c.generators, &[&c.elt]),
            Expr::DictComp(c) => {
                let mut elts: Vec<&Expr> = Vec::new();
                if let Some(k) = &c.key {
                    elts.push(k);
                }
                elts.push(&c.value);
                self.comprehension("dict comprehension", &c.generators, &elts);
            }
            Expr::Yield(_) | Expr::YieldFrom(_) => {
                match self.kind() {
                    Kind::Function { .. } => {}
                    Kind::Comprehension(what) => self.symtable(&format!("'yield' inside {what}"), e.range()),
                    _ => self.symtable("'yield' outside function", e.range()),
                }
                visitor::walk_expr(self, e);
            }
            Expr::Await(a) => {
                match self.frame_kind() {
                    Kind::Function { is_async: true } => {}
                    Kind::Function { is_async: false } => self.compiler("'await' outside async function", a.range),
                    _ => self.compiler("'await' outside function", a.range),
                }
                visitor::walk_expr(self, e);
            }
            Expr::Call(c) => {
                let mut seen: HashSet<&str> = HashSet::new();
                for k in &c.arguments.keywords {
                    if let Some(arg) = &k.arg {
                        if !seen.insert(arg.id.as_str()) {
                            self.compiler(&format!("keyword argument repeated: {}", arg.id), k.range);
                        }
                    }
                }
                visitor::walk_expr(self, e);
            }
            _ => visitor::walk_expr(self, e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checked(src: &str) -> Result<(), SyntaxErr> {
        let parsed = ruff_python_parser::parse_module(src).expect("parses");
        check(src, parsed.syntax())
    }

    #[test]
    fn what_cpython_accepts_passes() {
        for src in [
            "def f():\n    def g():\n        nonlocal x\n        x = 2\n    x = 1\n    g()\n",
            "x = 0\ndef f():\n    global x\n    global x\n    x = 1\n",
            "for i in range(3):\n    try:\n        continue\n    finally:\n        break\n",
            "while True:\n    with x:\n        break\nelse:\n    pass\n",
            "def f():\n    class A:\n        def m(self):\n            return 1\n    return A\n",
            "def f(a, *args, b, **kw):\n    return lambda x, y=a: (yield x)\n",
            "f(a=1, **{'a': 2})\n",
            "*a, b = [1, 2]\n[*a] = [1]\n",
            "def g():\n    yield [x for x in (yield)]\n",
            "try:\n    pass\nexcept (A, B):\n    pass\nexcept:\n    pass\n",
            "def f():\n    x = 1\n    def g():\n        def h():\n            nonlocal x\n        return h\n    return g\n",
            "def f():\n    import gc\n    global gc\n",
            "def f():\n    from gc import collect\n    global collect\n",
        ] {
            assert!(checked(src).is_ok(), "{src}");
        }
    }

    #[test]
    fn what_cpython_refuses_fails() {
        for (src, message) in [
            ("return 1\n", "'return' outside function"),
            ("class A:\n    return 1\n", "'return' outside function"),
            ("for x in y:\n    pass\nelse:\n    break\n", "'break' outside loop"),
            ("while x:\n    def f():\n        continue\n", "'continue' not properly in loop"),
            ("class A:\n    yield 1\n", "'yield' outside function"),
            ("await x\n", "'await' outside function"),
            ("def f():\n    await x\n", "'await' outside async function"),
            ("nonlocal x\n", "nonlocal declaration not allowed at module level"),
            ("def f():\n    print(x)\n    global x\n", "name 'x' is used prior to global declaration"),
            ("def f():\n    x += 1\n    global x\n", "name 'x' is assigned to before global declaration"),
            ("def f(x):\n    global x\n", "name 'x' is parameter and global"),
            ("def f():\n    nonlocal x\n", "no binding for nonlocal 'x' found"),
            ("x = 1\ndef f():\n    global x\n    def g():\n        nonlocal x\n", "no binding for nonlocal 'x' found"),
            ("def f(a, a):\n    pass\n", "duplicate argument 'a' in function definition"),
            ("f(a=1, a=2)\n", "keyword argument repeated: a"),
            ("*a = 1\n", "starred assignment target must be in a list or tuple"),
            ("a, *b, *c = d\n", "multiple starred expressions in assignment"),
            ("x = [(yield) for i in y]\n", "'yield' inside list comprehension"),
            ("x: int = 1\nglobal x\n", "annotated name 'x' can't be global"),
            ("def f():\n    nonlocal x\n    global x\n", "name 'x' is nonlocal and global"),
            ("try:\n    pass\nexcept:\n    pass\nexcept E:\n    pass\n", "default 'except:' must be last"),
            ("try:\n    pass\nexcept A, B:\n    pass\n", "multiple exception types must be parenthesized"),
        ] {
            let e = checked(src).expect_err(src);
            assert_eq!(e.message, message, "{src}");
        }
    }

    #[test]
    fn the_parser_and_symtable_come_before_the_compiler() {
        let e = checked("return 1\ndef f():\n    nonlocal y\n").expect_err("refused");
        assert_eq!(e.message, "no binding for nonlocal 'y' found");
        let e = checked("return 1\ntry:\n    pass\nexcept A, B:\n    pass\n").expect_err("refused");
        assert_eq!(e.message, "multiple exception types must be parenthesized");
    }
}
