//! Scopes and names, as CPython's symtable decides them: which names are
//! locals, globals, cells (captured by an inner function) or free (captured
//! from an enclosing function). The compiler asks this table how to load and
//! store each name.
//!
//! The same walk finds the SyntaxErrors CPython raises after parsing, for
//! programs Ruff's parser accepts: what 3.12 and 3.13's grammar refuses but
//! later versions allow (`except A, B:`), its symtable's (`global` and
//! `nonlocal` misuse, duplicate parameters, `yield` outside a function) and
//! its compiler's (`return`, `break`, `continue`, `await` where they cannot
//! be, a starred assignment target, a repeated keyword argument, a bare
//! `except:` before others). CPython reports a parse error first, then the
//! symtable's first error found while walking the module, else one found in
//! its analysis afterwards (a `nonlocal` with no binding), else the
//! compiler's first, in source order; these come before anything gcplay
//! refuses to run. Comprehensions are scopes of their own, as in CPython's
//! symtable, although the code of list, set and dict comprehensions is
//! inlined in the enclosing scope's (PEP 709).

use hashbrown::{HashMap, HashSet};
use ruff_python_ast::visitor::{self, Visitor};

/// ruff's walkers, instantiated once for every visitor of the crate (each
/// copy is kilobytes of wasm): visitors call these with themselves as `dyn`.
pub(crate) fn walk_stmt<'a>(v: &mut dyn Visitor<'a>, s: &'a Stmt) {
    visitor::walk_stmt(v, s)
}

pub(crate) fn walk_expr<'a>(v: &mut dyn Visitor<'a>, e: &'a Expr) {
    visitor::walk_expr(v, e)
}
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Module,
    Class,
    Function,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Resolved {
    /// A fast local of a function (or a comprehension's variable).
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
    /// An `async def`.
    is_async: bool,
    /// A generator expression's scope.
    genexp: bool,
    /// A list, set or dict comprehension's scope: its code is inlined in the
    /// enclosing scope's (PEP 709), where the names it binds are fast locals
    /// (or cells) hidden from the rest of that scope.
    pub inlined: bool,
    /// Cells of the inlined comprehensions within this scope's code, not
    /// already its cells or free variables.
    pub comp_cells: Vec<String>,
    /// Names used, bound (imports included), assigned (imports not) and
    /// annotated so far (in walk order) outside inlined comprehensions, which
    /// CPython's symtable sees as scopes of their own.
    direct_used: HashSet<String>,
    direct_bound: HashSet<String>,
    assigned: HashSet<String>,
    annotated: HashSet<String>,
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
    /// Scope of each function, lambda, class and comprehension, by its range
    /// (a generator expression can start where its element does).
    pub by_node: HashMap<TextRange, usize>,
    /// The first SyntaxError CPython's parser, symtable or compiler reports
    /// for a program Ruff's parser accepts: its message and range.
    pub error: Option<(String, TextRange)>,
}

impl SymTable {
    pub fn build(module: &ast::ModModule) -> SymTable {
        let mut b = Builder {
            t: SymTable { scopes: Vec::new(), by_node: HashMap::new(), error: None },
            cur: 0,
            loops: 0,
            comp: None,
            errors: [None, None, None],
            directives: Vec::new(),
        };
        b.t.scopes.push(Scope { kind: Some(Kind::Module), ..Scope::default() });
        for s in &module.body {
            b.visit_stmt(s);
        }
        let [parse, symtable, compile] = std::mem::take(&mut b.errors);
        b.t.error = parse.or(symtable).or_else(|| b.analysis()).or(compile);
        b.t.resolve();
        b.t
    }

    pub fn scope_of(&self, range: TextRange) -> usize {
        self.by_node[&range]
    }

    /// How a name used in `scope` is loaded and stored.
    pub fn resolve_name(&self, scope: usize, name: &str) -> Resolved {
        let s = &self.scopes[scope];
        if s.globals.contains(name) {
            return Resolved::Global;
        }
        if s.kind == Some(Kind::Class) && s.binds(name) && !s.nonlocals.contains(name) {
            // the class's own name, even when a method sees the enclosing function's
            return Resolved::Name;
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
                        if path.iter().all(|&q| self.scopes[q].inlined) {
                            // used by inlined code only: a local of the code it runs in
                            break;
                        }
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
        // an inlined comprehension's cells are cells of the code it runs in
        for i in 0..n {
            let mut owner = i;
            while self.scopes[owner].inlined {
                owner = self.scopes[owner].parent.expect("an inlined scope has a parent");
            }
            for name in self.scopes[i].cells.clone() {
                let o = &mut self.scopes[owner];
                if owner != i && !o.cells.contains(&name) && !o.frees.contains(&name) && !o.comp_cells.contains(&name) {
                    o.comp_cells.push(name);
                }
            }
        }
    }
}

/// Where each error of the walk belongs: CPython's parser, symtable, compiler.
const PARSER: usize = 0;
const SYMTABLE: usize = 1;
const COMPILER: usize = 2;

struct Builder {
    t: SymTable,
    cur: usize,
    /// Loops around the current statement within its function or class body.
    loops: u32,
    /// The innermost inlined comprehension around the current expression
    /// within its scope: what CPython calls it ("list comprehension", ...).
    comp: Option<&'static str>,
    /// The first error of each kind (`PARSER`, `SYMTABLE`, `COMPILER`).
    errors: [Option<(String, TextRange)>; 3],
    /// Each name of each `global` and `nonlocal` statement: its scope, the name, the statement.
    directives: Vec<(usize, String, TextRange)>,
}

impl Builder {
    fn scope(&mut self) -> &mut Scope {
        &mut self.t.scopes[self.cur]
    }

    fn error(&mut self, kind: usize, message: &str, range: TextRange) {
        if self.errors[kind].is_none() {
            self.errors[kind] = Some((message.to_string(), range));
        }
    }

    fn enter(&mut self, kind: Kind, range: TextRange) -> (usize, u32, Option<&'static str>) {
        let id = self.t.scopes.len();
        self.t.scopes.push(Scope { kind: Some(kind), parent: Some(self.cur), ..Scope::default() });
        self.t.by_node.insert(range, id);
        let saved = (self.cur, self.loops, self.comp);
        self.cur = id;
        self.loops = 0;
        self.comp = None;
        saved
    }

    fn leave(&mut self, (cur, loops, comp): (usize, u32, Option<&'static str>)) {
        self.cur = cur;
        self.loops = loops;
        self.comp = comp;
    }

    fn bind(&mut self, n: &str) {
        self.bind_import(n);
        let direct = self.comp.is_none();
        let s = self.scope();
        if direct {
            s.assigned.insert(n.to_string());
        }
    }

    /// An import binds the name, but CPython's `global` and `nonlocal` do not count it as an assignment.
    fn bind_import(&mut self, n: &str) {
        let direct = self.comp.is_none();
        let s = self.scope();
        s.bind(n);
        if direct {
            s.direct_bound.insert(n.to_string());
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

    /// Parameters in CPython's `co_varnames` order: positional, keyword-only,
    /// *args, **kwargs; a name repeated in source order is the symtable's error.
    fn parameters(&mut self, p: &ast::Parameters) {
        let mut in_order: Vec<&ast::Identifier> =
            p.posonlyargs.iter().chain(&p.args).map(|a| &a.parameter.name).collect();
        in_order.extend(p.vararg.iter().map(|v| &v.name));
        in_order.extend(p.kwonlyargs.iter().map(|a| &a.parameter.name));
        in_order.extend(p.kwarg.iter().map(|v| &v.name));
        for (i, name) in in_order.iter().enumerate() {
            if in_order[..i].iter().any(|n| n.id == name.id) {
                let message = format!("duplicate argument '{}' in function definition", name.id);
                self.error(SYMTABLE, &message, name.range);
            }
        }
        let mut names: Vec<&str> = Vec::new();
        for a in p.posonlyargs.iter().chain(p.args.iter()).chain(p.kwonlyargs.iter()) {
            names.push(a.parameter.name.id.as_str());
        }
        if let Some(v) = &p.vararg {
            names.push(v.name.id.as_str());
        }
        if let Some(v) = &p.kwarg {
            names.push(v.name.id.as_str());
        }
        for n in names {
            self.scope().params.push(n.to_string());
            self.bind(n);
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
            self.visit_expr(&g.target);
            for cond in &g.ifs {
                self.visit_expr(cond);
            }
        }
        for e in elts {
            self.visit_expr(e);
        }
    }

    /// An inlined (list, set or dict) comprehension: the first iterable in the
    /// current scope, the rest in the comprehension's.
    fn inlined(&mut self, what: &'static str, generators: &[ast::Comprehension], elts: &[&Expr], range: TextRange) {
        self.visit_expr(&generators[0].iter);
        let saved = self.enter(Kind::Function, range);
        self.scope().inlined = true;
        self.comp = Some(what);
        self.comprehension_body(generators, elts);
        self.leave(saved);
    }

    /// A `global` or `nonlocal` statement: the symtable's errors, in CPython's order.
    fn declaration(&mut self, names: &[ast::Identifier], range: TextRange, global: bool) {
        let what = if global { "global" } else { "nonlocal" };
        for name in names {
            let n = name.id.as_str();
            let s = &self.t.scopes[self.cur];
            // (what comes before the name, between it and the statement's word, after it)
            let parts = if s.params.iter().any(|p| p == n) {
                Some(("name '", "' is parameter and ", ""))
            } else if s.direct_used.contains(n) {
                Some(("name '", "' is used prior to ", " declaration"))
            } else if s.annotated.contains(n) {
                Some(("annotated name '", "' can't be ", ""))
            } else if s.assigned.contains(n) {
                Some(("name '", "' is assigned to before ", " declaration"))
            } else if !global && s.kind == Some(Kind::Module) {
                Some(("", "nonlocal declaration not allowed at module level", ""))
            } else {
                None
            };
            let message = parts.map(|(a, b, c)| if a.is_empty() { b.to_string() } else { [a, n, b, what, c].concat() });
            if let Some(m) = message {
                self.error(SYMTABLE, &m, range);
            }
            if global {
                self.scope().globals.insert(n.to_string());
            } else {
                self.scope().nonlocals.insert(n.to_string());
                self.scope().bind(n);
            }
            self.directives.push((self.cur, n.to_string(), range));
        }
    }

    /// The symtable's analysis after its walk, scope by scope: a name both
    /// nonlocal and global (named at its first statement), a nonlocal with no binding.
    fn analysis(&self) -> Option<(String, TextRange)> {
        for (scope, s) in self.t.scopes.iter().enumerate() {
            let mut mine = self.directives.iter().filter(|d| d.0 == scope);
            for (_, name, range) in mine.clone() {
                // (at module level the statement was refused, or it followed a `global`)
                let nonlocal = s.kind != Some(Kind::Module) && s.nonlocals.contains(name);
                if s.globals.contains(name) && nonlocal {
                    let first = mine.find(|d| d.1 == *name).map_or(*range, |d| d.2);
                    return Some((format!("name '{name}' is nonlocal and global"), first));
                }
                if nonlocal && !s.globals.contains(name) && !self.has_binding(scope, name) {
                    return Some((format!("no binding for nonlocal '{name}' found"), *range));
                }
            }
        }
        None
    }

    /// Whether an enclosing function binds `name` (for a `nonlocal` in `scope`).
    fn has_binding(&self, scope: usize, name: &str) -> bool {
        let mut p = self.t.scopes[scope].parent;
        while let Some(i) = p {
            let s = &self.t.scopes[i];
            match s.kind {
                Some(Kind::Function) => {
                    if s.globals.contains(name) {
                        return false;
                    }
                    if s.direct_bound.contains(name) || s.nonlocals.contains(name) {
                        return true;
                    }
                }
                Some(Kind::Class) => {}
                _ => return false,
            }
            p = s.parent;
        }
        false
    }

    fn starred_target(&mut self, target: &Expr) {
        let elts = match target {
            Expr::Starred(s) => {
                return self.error(COMPILER, "starred assignment target must be in a list or tuple", s.range)
            }
            Expr::Tuple(t) => &t.elts,
            Expr::List(l) => &l.elts,
            _ => return,
        };
        if elts.iter().filter(|e| e.is_starred_expr()).count() > 1 {
            self.error(COMPILER, "multiple starred expressions in assignment", target.range());
        }
    }
}

impl<'a> Visitor<'a> for Builder {
    fn visit_stmt(&mut self, s: &'a Stmt) {
        match s {
            Stmt::FunctionDef(f) => {
                self.bind(f.name.id.as_str());
                for d in &f.decorator_list {
                    self.visit_expr(&d.expression);
                }
                self.defaults(&f.parameters);
                let saved = self.enter(Kind::Function, f.range);
                self.scope().is_async = f.is_async;
                self.parameters(&f.parameters);
                self.visit_body(&f.body);
                self.leave(saved);
            }
            Stmt::ClassDef(c) => {
                self.bind(c.name.id.as_str());
                for d in &c.decorator_list {
                    self.visit_expr(&d.expression);
                }
                if let Some(args) = &c.arguments {
                    self.visit_arguments(args);
                }
                let saved = self.enter(Kind::Class, c.range);
                self.visit_body(&c.body);
                self.leave(saved);
            }
            Stmt::Global(g) => self.declaration(&g.names, g.range, true),
            Stmt::Nonlocal(n) => self.declaration(&n.names, n.range, false),
            Stmt::Return(r) => {
                if self.t.scopes[self.cur].kind != Some(Kind::Function) {
                    self.error(COMPILER, "'return' outside function", r.range);
                }
                walk_stmt(self, s);
            }
            Stmt::Break(b) if self.loops == 0 => self.error(COMPILER, "'break' outside loop", b.range),
            Stmt::Continue(c) if self.loops == 0 => self.error(COMPILER, "'continue' not properly in loop", c.range),
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
            Stmt::AnnAssign(a) => {
                if let Expr::Name(n) = &*a.target {
                    if a.simple {
                        // a name declared global or nonlocal in a function cannot be annotated after
                        let sc = &self.t.scopes[self.cur];
                        let what = match () {
                            _ if sc.kind == Some(Kind::Module) => None,
                            _ if sc.globals.contains(n.id.as_str()) => Some("global"),
                            _ if sc.nonlocals.contains(n.id.as_str()) => Some("nonlocal"),
                            _ => None,
                        };
                        if let Some(w) = what {
                            self.error(
                                SYMTABLE,
                                &["annotated name '", n.id.as_str(), "' can't be ", w].concat(),
                                a.range,
                            );
                        }
                        self.scope().annotated.insert(n.id.to_string());
                    }
                }
                walk_stmt(self, s);
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
                        self.error(COMPILER, "default 'except:' must be last", h.range);
                    }
                    if let Some(Expr::Tuple(tuple)) = h.type_.as_deref() {
                        if !tuple.parenthesized {
                            // Python 3.14 allows it; 3.12 and 3.13's parser does not
                            self.error(PARSER, "multiple exception types must be parenthesized", tuple.range);
                        }
                    }
                    if let Some(n) = &h.name {
                        self.bind(n.id.as_str());
                    }
                }
                walk_stmt(self, s);
            }
            _ => walk_stmt(self, s),
        }
    }

    fn visit_expr(&mut self, e: &'a Expr) {
        match e {
            Expr::Name(n) => match n.ctx {
                ast::ExprContext::Load => {
                    let id = n.id.as_str();
                    let direct = self.comp.is_none();
                    let s = self.scope();
                    if id == "super" || id == "__class__" {
                        s.uses_class = true;
                    }
                    s.used.insert(id.to_string());
                    if direct {
                        s.direct_used.insert(id.to_string());
                    }
                }
                _ => self.bind(n.id.as_str()),
            },
            Expr::Lambda(l) => {
                if let Some(p) = &l.parameters {
                    self.defaults(p);
                }
                let saved = self.enter(Kind::Function, l.range);
                if let Some(p) = &l.parameters {
                    self.parameters(p);
                }
                self.visit_expr(&l.body);
                self.leave(saved);
            }
            Expr::Generator(g) => {
                // the first iterable is evaluated outside; the rest is a function of `.0`
                self.visit_expr(&g.generators[0].iter);
                let saved = self.enter(Kind::Function, g.range);
                let s = self.scope();
                s.params.push(".0".into());
                s.bind(".0");
                s.is_generator = true;
                s.genexp = true;
                self.comprehension_body(&g.generators, &[&g.elt]);
                self.leave(saved);
            }
            // List, set and dict comprehensions are inlined (PEP 709): their
            // variables are hidden fast locals of the enclosing scope.
            Expr::ListComp(c) => self.inlined("list comprehension", &c.generators, &[&c.elt], c.range),
            Expr::SetComp(c) => self.inlined("set comprehension", &c.generators, &[&c.elt], c.range),
            Expr::DictComp(c) => {
                let mut elts: Vec<&Expr> = Vec::new();
                if let Some(k) = &c.key {
                    elts.push(k);
                }
                elts.push(&c.value);
                self.inlined("dict comprehension", &c.generators, &elts, c.range);
            }
            Expr::Yield(_) | Expr::YieldFrom(_) => {
                let s = &self.t.scopes[self.cur];
                match (self.comp, s.genexp, s.kind) {
                    (Some(what), _, _) => self.error(SYMTABLE, &format!("'yield' inside {what}"), e.range()),
                    (None, true, _) => self.error(SYMTABLE, "'yield' inside generator expression", e.range()),
                    (None, false, Some(Kind::Function)) => {}
                    _ => self.error(SYMTABLE, "'yield' outside function", e.range()),
                }
                self.scope().is_generator = true;
                walk_expr(self, e);
            }
            Expr::Await(a) => {
                // the function the code runs in: generator expressions and inlined comprehensions are seen through
                let mut s = &self.t.scopes[self.cur];
                while let (true, Some(p)) = (s.genexp || s.inlined, s.parent) {
                    s = &self.t.scopes[p];
                }
                match s.kind {
                    Some(Kind::Function) if s.is_async => {}
                    Some(Kind::Function) => self.error(COMPILER, "'await' outside async function", a.range),
                    _ => self.error(COMPILER, "'await' outside function", a.range),
                }
                walk_expr(self, e);
            }
            Expr::Call(c) => {
                let keywords = &c.arguments.keywords;
                for (i, k) in keywords.iter().enumerate() {
                    if let Some(arg) = &k.arg {
                        if keywords[..i].iter().any(|p| p.arg.as_ref().is_some_and(|a| a.id == arg.id)) {
                            self.error(COMPILER, &format!("keyword argument repeated: {}", arg.id), k.range);
                        }
                    }
                }
                walk_expr(self, e);
            }
            _ => walk_expr(self, e),
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

    #[test]
    fn a_comprehension_binds_its_variables_in_its_own_scope() {
        // scopes: the module, g, the comprehension, the lambda
        let t = table("def g():\n    fs = [lambda: i for i in range(3)]\n    return i\n");
        assert!(!t.scopes[1].binds("i"));
        assert!(t.scopes[2].inlined && t.scopes[2].binds("i"));
        assert_eq!(t.scopes[2].cells, vec!["i"]);
        assert_eq!(t.scopes[1].comp_cells, vec!["i"]);
        assert_eq!(t.scopes[3].frees, vec!["i"]);
        assert_eq!(t.resolve_name(1, "i"), Resolved::Global);
    }

    /// The message of the first SyntaxError the walk finds.
    fn checked(src: &str) -> Option<String> {
        table(src).error.map(|(message, _)| message)
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
            assert!(checked(src).is_none(), "{src}");
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
            assert_eq!(checked(src).as_deref(), Some(message), "{src}");
        }
    }

    #[test]
    fn the_parser_and_symtable_come_before_the_compiler() {
        let e = checked("return 1\ndef f():\n    nonlocal y\n");
        assert_eq!(e.as_deref(), Some("no binding for nonlocal 'y' found"));
        let e = checked("return 1\ntry:\n    pass\nexcept A, B:\n    pass\n");
        assert_eq!(e.as_deref(), Some("multiple exception types must be parenthesized"));
    }
}
