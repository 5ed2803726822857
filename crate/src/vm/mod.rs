//! The interpreter: frames over one value stack, running compiled code
//! with CPython 3.13's reference discipline (the stack holds strong
//! references; names, containers and frames own theirs).

mod builtins;
mod error;
mod ops;
mod refs;

pub use error::{PyErr, TbEntry};
pub use ops::short as short_repr;

use crate::code::{Code, Const, Op};
use crate::dict::{Dict, Key};
use crate::gc::GcState;
use crate::heap::{flags, Heap, ObjRef};
use crate::object::{Builtin, Function, Obj};
use crate::profile::Profile;
use crate::trace::{Cause, Event, Trace};
use std::collections::HashMap;
use std::rc::Rc;

pub struct Frame {
    pub code: Rc<Code>,
    pub consts: Rc<[ObjRef]>,
    pub pc: usize,
    /// Stack index of local slot 0; the value stack starts after the locals.
    pub base: usize,
    pub globals: ObjRef,
    /// The function object (owned), NULL for module code.
    pub func: ObjRef,
    /// The frame's id in the trace.
    pub id: u32,
}

/// Why the interpreter stopped early.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Limit {
    Steps(u64),
}

pub struct Vm {
    pub heap: Heap,
    pub trace: Trace,
    pub tracing: bool,
    pub(crate) touched: Vec<(ObjRef, u32, u32)>,
    pub(crate) touch_mark: Vec<u32>,
    pub(crate) trash_depth: u32,
    pub(crate) trash_later: Vec<ObjRef>,
    pub(crate) free_cause: Cause,
    pub stack: Vec<ObjRef>,
    pub frames: Vec<Frame>,
    pub stdout: String,
    pub profile: Profile,
    pub gc: GcState,
    pub none: ObjRef,
    pub true_: ObjRef,
    pub false_: ObjRef,
    small_ints: Vec<ObjRef>,
    /// The compiler's constant cache: one object per distinct constant, kept alive.
    const_cache: HashMap<ConstKey, ObjRef>,
    builtins: HashMap<&'static str, ObjRef>,
    modules: HashMap<&'static str, ObjRef>,
    /// Method descriptors of built-in types, by (type, name).
    methods: HashMap<(&'static str, &'static str), ObjRef>,
    pub steps: u64,
    pub max_steps: u64,
    next_frame_id: u32,
    pub source: Rc<str>,
    pub filename: Rc<str>,
}

#[derive(Hash, PartialEq, Eq)]
enum ConstKey {
    Int(i64),
    Big(Rc<str>),
    Float(u64),
    Str(Rc<str>),
    Tuple(Vec<ConstKey>),
    Code(usize),
}

/// The small ints CPython preallocates (and makes immortal).
const SMALL_MIN: i64 = -5;
const SMALL_MAX: i64 = 256;

impl Vm {
    pub fn new(profile: Profile, source: Rc<str>, filename: Rc<str>, tracing: bool) -> Vm {
        let mut vm = Vm {
            heap: Heap::new(),
            trace: Trace::new(),
            tracing: false,
            touched: Vec::new(),
            touch_mark: Vec::new(),
            trash_depth: 0,
            trash_later: Vec::new(),
            free_cause: Cause::Refcount,
            stack: Vec::with_capacity(256),
            frames: Vec::new(),
            stdout: String::new(),
            gc: GcState::new(&profile),
            profile,
            none: ObjRef::NULL,
            true_: ObjRef::NULL,
            false_: ObjRef::NULL,
            small_ints: Vec::new(),
            const_cache: HashMap::new(),
            builtins: HashMap::new(),
            modules: HashMap::new(),
            methods: HashMap::new(),
            steps: 0,
            max_steps: u64::MAX,
            next_frame_id: 0,
            source,
            filename,
        };
        vm.none = vm.alloc_immortal(Obj::None);
        vm.true_ = vm.alloc_immortal(Obj::Bool(true));
        vm.false_ = vm.alloc_immortal(Obj::Bool(false));
        for i in SMALL_MIN..=SMALL_MAX {
            let r = vm.alloc_immortal(Obj::Int(i));
            vm.small_ints.push(r);
        }
        vm.install_builtins();
        vm.tracing = tracing;
        // the replay needs every object a name or container may point at
        for i in 0..vm.heap.slots.len() {
            vm.trace_alloc(ObjRef(i as u32));
        }
        vm
    }

    fn alloc_immortal(&mut self, obj: Obj) -> ObjRef {
        let r = self.heap.alloc(obj);
        self.heap.slot_mut(r).flags |= flags::IMMORTAL | flags::INTERNAL;
        self.trace_alloc(r);
        r
    }

    /// Allocate a new object with one reference, tracking it if CPython would.
    pub fn alloc(&mut self, obj: Obj) -> ObjRef {
        let tag = obj.tag();
        let r = self.heap.alloc(obj);
        if self.tracing {
            self.trace_alloc(r);
            self.touch_new(r);
        }
        if tag.is_gc() && self.tracked_at_birth(r) {
            self.track(r);
            self.gc.alloc_gc_object();
        } else if tag.is_gc() {
            self.gc.alloc_gc_object();
        }
        r
    }

    /// Mark a new object as touched with a start count of 0, so the step shows it as new.
    fn touch_new(&mut self, r: ObjRef) {
        let i = r.idx();
        if i >= self.touch_mark.len() {
            self.touch_mark.resize(self.heap.slots.len().max(i + 1), u32::MAX);
        }
        self.touch_mark[i] = self.trace.steps() as u32;
        self.touched.push((r, self.heap.serial(r), 0));
    }

    /// Tuples start tracked; dicts only once they hold a container (MAINTAIN_TRACKING).
    fn tracked_at_birth(&self, r: ObjRef) -> bool {
        match self.heap.get(r) {
            Obj::Dict(d) => d.iter().any(|(k, v)| self.may_be_tracked(k) || self.may_be_tracked(v)),
            _ => true,
        }
    }

    /// CPython's `_PyObject_GC_MAY_BE_TRACKED`.
    pub fn may_be_tracked(&self, r: ObjRef) -> bool {
        let s = self.heap.slot(r);
        if !s.obj.tag().is_gc() {
            return false;
        }
        match s.obj {
            Obj::Tuple(_) => s.is(flags::TRACKED),
            _ => true,
        }
    }

    pub fn track(&mut self, r: ObjRef) {
        if self.heap.slot(r).is(flags::TRACKED) {
            return;
        }
        self.heap.slot_mut(r).flags |= flags::TRACKED;
        self.heap.gen_append(0, r);
        if self.tracing {
            self.trace.push(Event::Tracked { id: self.heap.serial(r), tracked: true, generation: 0 });
        }
    }

    pub fn untrack(&mut self, r: ObjRef) {
        if !self.heap.slot(r).is(flags::TRACKED) {
            return;
        }
        self.heap.gen_unlink(r);
        self.heap.slot_mut(r).flags &= !flags::TRACKED;
        if self.tracing {
            self.trace.push(Event::Tracked { id: self.heap.serial(r), tracked: false, generation: 0 });
        }
    }

    /// Allocate an interpreter-internal object (code, builtins, modules): not drawn.
    pub fn alloc_internal(&mut self, obj: Obj) -> ObjRef {
        let tag = obj.tag();
        let r = self.heap.alloc(obj);
        self.heap.slot_mut(r).flags |= flags::INTERNAL;
        if tag.is_gc() {
            self.heap.slot_mut(r).flags |= flags::TRACKED;
            self.heap.gen_append(2, r);
        }
        self.trace_alloc(r);
        r
    }

    /// Record an allocation, with the flags that decide whether the view draws it.
    fn trace_alloc(&mut self, r: ObjRef) {
        if !self.tracing {
            return;
        }
        let s = self.heap.slot(r);
        let (internal, immortal) = (s.is(flags::INTERNAL), s.is(flags::IMMORTAL));
        let ty = self.type_name_rc(r);
        let repr = self.atomic_repr(r);
        self.trace.push(Event::Alloc { id: self.heap.serial(r), ty, repr, internal, immortal });
    }

    pub fn int(&mut self, v: i64) -> ObjRef {
        if (SMALL_MIN..=SMALL_MAX).contains(&v) {
            self.small_ints[(v - SMALL_MIN) as usize]
        } else {
            self.alloc(Obj::Int(v))
        }
    }

    pub fn bool(&self, b: bool) -> ObjRef {
        if b {
            self.true_
        } else {
            self.false_
        }
    }

    pub fn str(&mut self, s: &str) -> ObjRef {
        if let Some(r) = self.immortal_str(s) {
            return r;
        }
        self.alloc(Obj::Str(s.into()))
    }

    /// CPython keeps the empty string and one-character Latin-1 strings as
    /// static immortal objects.
    fn immortal_str(&mut self, s: &str) -> Option<ObjRef> {
        let mut chars = s.chars();
        let single = match (chars.next(), chars.next()) {
            (None, _) => true,
            (Some(c), None) => (c as u32) < 256,
            _ => false,
        };
        if !single {
            return None;
        }
        let key = ConstKey::Str(format!("\u{0}immortal:{s}").into());
        if let Some(&r) = self.const_cache.get(&key) {
            return Some(r);
        }
        let r = self.alloc_immortal(Obj::Str(s.into()));
        self.const_cache.insert(key, r);
        Some(r)
    }

    /// Materialise a compile-time constant. The constant cache keeps one
    /// reference to each, as CPython's compiler does (that is the extra
    /// reference `sys.getrefcount` shows on a constant).
    pub fn load_const(&mut self, c: &Const) -> ObjRef {
        match c {
            Const::None => self.none,
            Const::Bool(b) => self.bool(*b),
            Const::Int(i) if (SMALL_MIN..=SMALL_MAX).contains(i) => self.int(*i),
            _ => {
                let key = const_key(c);
                if let Some(&r) = self.const_cache.get(&key) {
                    return r;
                }
                let r = match c {
                    Const::Int(i) => self.alloc(Obj::Int(*i)),
                    Const::Big(s) => {
                        let v = ops::parse_big(s);
                        self.int_from_big(v)
                    }
                    Const::Float(f) => self.alloc(Obj::Float(*f)),
                    Const::Str(s) => {
                        if let Some(r) = self.immortal_str(s) {
                            return r;
                        }
                        let r = self.alloc(Obj::Str(s.clone()));
                        if self.profile.interned_constants_immortal && is_identifier_like(s) {
                            self.heap.slot_mut(r).flags |= flags::IMMORTAL;
                        }
                        r
                    }
                    Const::Tuple(items) => {
                        let refs: Vec<ObjRef> = items
                            .iter()
                            .map(|i| {
                                let r = self.load_const(i);
                                self.incref(r);
                                r
                            })
                            .collect();
                        self.new_tuple(refs)
                    }
                    Const::Code(code) => {
                        let consts = self.materialize_consts(code);
                        self.alloc_internal(Obj::Code(code.clone(), consts))
                    }
                    _ => unreachable!("immortal constants handled above"),
                };
                self.const_cache.insert(key, r);
                r
            }
        }
    }

    /// `co_consts`: one object per constant, each holding a reference of its own.
    pub fn materialize_consts(&mut self, code: &Code) -> Rc<[ObjRef]> {
        let mut out = Vec::with_capacity(code.consts.len());
        for c in &code.consts {
            let r = self.load_const(c);
            self.incref(r);
            out.push(r);
        }
        out.into()
    }

    pub fn new_tuple(&mut self, items: Vec<ObjRef>) -> ObjRef {
        let r = self.alloc(Obj::Tuple(items.into_boxed_slice()));
        if self.tracing {
            self.trace_items(r);
        }
        r
    }

    pub fn new_list(&mut self, items: Vec<ObjRef>) -> ObjRef {
        let r = self.alloc(Obj::List(items));
        if self.tracing {
            self.trace_items(r);
        }
        r
    }

    /// Record a container's whole contents (after creation or a bulk change).
    pub fn trace_items(&mut self, r: ObjRef) {
        use crate::trace::Label;
        let items: Vec<(Label, u32)> = match self.heap.get(r) {
            Obj::List(v) => v.iter().enumerate().map(|(i, x)| (Label::Index(i as u32), self.heap.serial(*x))).collect(),
            Obj::Tuple(v) => {
                v.iter().enumerate().map(|(i, x)| (Label::Index(i as u32), self.heap.serial(*x))).collect()
            }
            Obj::Dict(d) => d.iter().map(|(k, v)| (Label::Key(self.heap.serial(k)), self.heap.serial(v))).collect(),
            Obj::Function(f) => {
                let mut out = Vec::new();
                if !f.defaults.is_null() {
                    out.push((Label::Attr("__defaults__".into()), self.heap.serial(f.defaults)));
                }
                out
            }
            _ => return,
        };
        let id = self.heap.serial(r);
        self.trace.push(Event::Items { id, items: items.into() });
    }

    fn install_builtins(&mut self) {
        for (name, f) in [
            ("print", Builtin::Print),
            ("len", Builtin::Len),
            ("id", Builtin::Id),
            ("repr", Builtin::Repr),
            ("range", Builtin::Range),
        ] {
            let r = self.alloc_internal(Obj::Builtin { f, this: ObjRef::NULL });
            self.builtins.insert(name, r);
        }
        let sys = self.make_module("sys", &[("getrefcount", Builtin::SysGetrefcount)]);
        let gc = self.make_module(
            "gc",
            &[
                ("collect", Builtin::GcCollect),
                ("get_count", Builtin::GcGetCount),
                ("get_threshold", Builtin::GcGetThreshold),
                ("set_threshold", Builtin::GcSetThreshold),
                ("is_tracked", Builtin::GcIsTracked),
                ("enable", Builtin::GcEnable),
                ("disable", Builtin::GcDisable),
                ("isenabled", Builtin::GcIsEnabled),
            ],
        );
        self.modules.insert("sys", sys);
        self.modules.insert("gc", gc);
        for (ty, name, f) in [
            ("list", "append", Builtin::ListAppend),
            ("list", "pop", Builtin::ListPop),
            ("dict", "get", Builtin::DictGet),
        ] {
            let r = self.alloc_internal(Obj::Builtin { f, this: ObjRef::NULL });
            self.methods.insert((ty, name), r);
        }
    }

    fn make_module(&mut self, name: &'static str, funcs: &[(&'static str, Builtin)]) -> ObjRef {
        let dict = self.alloc_internal(Obj::Dict(Box::new(Dict::new())));
        for &(fname, f) in funcs {
            let fr = self.alloc_internal(Obj::Builtin { f, this: ObjRef::NULL });
            let k = self.alloc_internal(Obj::Str(fname.into()));
            if let Obj::Dict(d) = self.heap.get_mut(dict) {
                d.set(Key::Str(fname.into()), k, fr);
            }
        }
        let m = self.alloc_internal(Obj::Module { name: name.into(), dict });
        // modules are referenced from many places inside a real interpreter
        self.heap.slot_mut(m).rc = self.profile.module_base_refcount(name);
        m
    }

    /// Run module code to completion.
    pub fn run_module(&mut self, code: Rc<Code>) -> Result<(), PyErr> {
        let globals = self.alloc_internal(Obj::Dict(Box::new(Dict::new())));
        let id = self.new_frame_id();
        if self.tracing {
            self.trace.push(Event::FramePush { frame: id, name: "<module>".into() });
        }
        let base = self.stack.len();
        let consts = self.materialize_consts(&code);
        self.frames.push(Frame { code, consts, pc: 0, base, globals, func: ObjRef::NULL, id });
        let result = self.eval(self.frames.len() - 1);
        if let Ok(r) = result {
            self.decref(r);
        }
        self.end_step();
        result.map(|_| ())
    }

    /// Record a name binding; objects the view does not draw carry their repr.
    fn trace_bind(&mut self, frame: u32, name: Rc<str>, target: Option<ObjRef>) {
        let (id, repr) = match target {
            None => (None, None),
            Some(r) => {
                let hidden = self.heap.slot(r).is(flags::INTERNAL) || self.heap.slot(r).is(flags::IMMORTAL);
                (Some(self.heap.serial(r)), if hidden { self.atomic_repr(r) } else { None })
            }
        };
        self.trace.push(Event::Bind { frame, name, id, repr });
    }

    fn new_frame_id(&mut self) -> u32 {
        let id = self.next_frame_id;
        self.next_frame_id += 1;
        id
    }

    /// Close the current step: net refcount changes and the collector's counts.
    pub fn end_step(&mut self) {
        if !self.tracing {
            return;
        }
        self.flush_refcounts();
        let count = self.gc.count;
        if self.gc.last_traced_count != count {
            self.gc.last_traced_count = count;
            self.trace.push(Event::GcCount { count });
        }
    }

    fn begin_step(&mut self, line: u32) -> Result<(), PyErr> {
        self.steps += 1;
        if self.steps > self.max_steps {
            return Err(PyErr::limit(format!(
                "the program ran more than {} steps and was stopped (raise the step limit to let it go on)",
                self.max_steps
            )));
        }
        if self.tracing {
            self.end_step();
            self.trace.begin_step(line);
        }
        Ok(())
    }

    #[inline]
    fn push(&mut self, r: ObjRef) {
        self.stack.push(r);
    }

    #[inline]
    fn pop(&mut self) -> ObjRef {
        self.stack.pop().expect("value stack underflow")
    }

    #[inline]
    fn top(&self) -> ObjRef {
        *self.stack.last().expect("value stack empty")
    }

    /// Run frames from `entry` until it returns; the result is a new reference.
    fn eval(&mut self, entry: usize) -> Result<ObjRef, PyErr> {
        self.eval_inner(entry).map_err(|mut e| {
            // No handlers yet: unwind every frame down to `entry`.
            while self.frames.len() > entry {
                let f = self.frames.last().expect("frame");
                let pc = f.pc.saturating_sub(1);
                let line = f.code.lines.get(pc).copied().unwrap_or(0);
                let span = f.code.spans.get(pc).copied().unwrap_or((0, 0));
                e.tb.push(TbEntry { line, name: f.code.name.clone(), span });
                self.pop_frame(true);
            }
            e.tb.reverse();
            e
        })
    }

    /// Pop the top frame: its value stack (top first when unwinding), then
    /// its locals in order, then the function object, as CPython clears frames.
    fn pop_frame(&mut self, unwinding: bool) {
        let f = self.frames.pop().expect("frame");
        let nlocals = f.code.varnames.len();
        let stack_start = f.base + nlocals;
        if unwinding {
            while self.stack.len() > stack_start {
                let r = self.pop();
                self.xdecref(r);
            }
        }
        let locals: Vec<ObjRef> = self.stack.drain(f.base..).collect();
        for (i, r) in locals.into_iter().enumerate() {
            if !r.is_null() {
                if self.tracing && i < nlocals {
                    let (fid, name) = (f.id, f.code.varnames[i].clone());
                    self.trace_bind(fid, name, None);
                }
                self.decref(r);
            }
        }
        // the module frame stays on the view: its globals outlive the code
        if self.tracing && !f.func.is_null() {
            self.trace.push(Event::FramePop { frame: f.id });
        }
        if !f.func.is_null() {
            self.decref(f.func);
        }
    }

    fn eval_inner(&mut self, entry: usize) -> Result<ObjRef, PyErr> {
        loop {
            let fi = self.frames.len() - 1;
            let (op, line) = {
                let f = &mut self.frames[fi];
                let op = f.code.ops[f.pc];
                let line = f.code.lines[f.pc];
                f.pc += 1;
                (op, line)
            };
            match op {
                Op::Stmt => self.begin_step(line)?,
                Op::LoadConst(i) => {
                    let r = self.frames[fi].consts[i as usize];
                    self.incref(r);
                    self.push(r);
                }
                Op::PushNull => self.push(ObjRef::NULL),
                Op::LoadName(i) | Op::LoadGlobal(i) => {
                    let name = self.frames[fi].code.names[i as usize].clone();
                    let globals = self.frames[fi].globals;
                    let r = self.lookup_global(globals, &name)?;
                    self.incref(r);
                    self.push(r);
                }
                Op::StoreName(i) | Op::StoreGlobal(i) => {
                    let name = self.frames[fi].code.names[i as usize].clone();
                    let globals = self.frames[fi].globals;
                    let v = self.pop();
                    self.store_global(globals, &name, v);
                }
                Op::DeleteName(i) | Op::DeleteGlobal(i) => {
                    let name = self.frames[fi].code.names[i as usize].clone();
                    let globals = self.frames[fi].globals;
                    self.delete_global(globals, &name)?;
                }
                Op::LoadFast(i) => {
                    let r = self.stack[self.frames[fi].base + i as usize];
                    if r.is_null() {
                        let name = &self.frames[fi].code.varnames[i as usize];
                        return Err(PyErr::new(
                            "UnboundLocalError",
                            format!("cannot access local variable '{name}' where it is not associated with a value"),
                        ));
                    }
                    self.incref(r);
                    self.push(r);
                }
                Op::StoreFast(i) => {
                    let v = self.pop();
                    let slot = self.frames[fi].base + i as usize;
                    let old = std::mem::replace(&mut self.stack[slot], v);
                    if self.tracing {
                        let f = &self.frames[fi];
                        let name = f.code.varnames[i as usize].clone();
                        let id = f.id;
                        self.trace_bind(id, name, Some(v));
                    }
                    self.xdecref(old);
                }
                Op::DeleteFast(i) => {
                    let slot = self.frames[fi].base + i as usize;
                    let old = std::mem::replace(&mut self.stack[slot], ObjRef::NULL);
                    if old.is_null() {
                        let name = &self.frames[fi].code.varnames[i as usize];
                        return Err(PyErr::new(
                            "UnboundLocalError",
                            format!("cannot access local variable '{name}' where it is not associated with a value"),
                        ));
                    }
                    if self.tracing {
                        let f = &self.frames[fi];
                        let name = f.code.varnames[i as usize].clone();
                        let fid = f.id;
                        self.trace_bind(fid, name, None);
                    }
                    self.decref(old);
                }
                Op::LoadAttr(i) => {
                    let name = self.frames[fi].code.names[i as usize].clone();
                    let obj = self.pop();
                    let r = self.get_attr(obj, &name);
                    self.decref(obj);
                    let r = r?;
                    self.push(r);
                }
                Op::LoadMethod(i) => {
                    let name = self.frames[fi].code.names[i as usize].clone();
                    let obj = self.pop();
                    match self.get_method(obj, &name) {
                        Ok(Some(m)) => {
                            // [method, self]: the object's reference moves to the self slot
                            self.incref(m);
                            self.push(m);
                            self.push(obj);
                        }
                        Ok(None) => {
                            let r = self.get_attr(obj, &name);
                            self.decref(obj);
                            let r = r?;
                            self.push(r);
                            self.push(ObjRef::NULL);
                        }
                        Err(e) => {
                            self.decref(obj);
                            return Err(e);
                        }
                    }
                }
                Op::StoreAttr(i) | Op::DeleteAttr(i) => {
                    let name = self.frames[fi].code.names[i as usize].clone();
                    let obj = self.pop();
                    let tn = self.type_name(obj).to_string();
                    self.decref(obj);
                    if let Op::StoreAttr(_) = op {
                        let v = self.pop();
                        self.decref(v);
                    }
                    return Err(PyErr::new(
                        "AttributeError",
                        format!("'{tn}' object has no attribute '{name}' and no __dict__ for setting new attributes"),
                    ));
                }
                Op::BinarySubscr => {
                    let key = self.pop();
                    let obj = self.pop();
                    let r = self.getitem(obj, key);
                    self.decref(obj);
                    self.decref(key);
                    let r = r?;
                    self.push(r);
                }
                Op::StoreSubscr => {
                    let key = self.pop();
                    let obj = self.pop();
                    let v = self.pop();
                    let r = self.setitem(obj, key, v);
                    self.decref(v);
                    self.decref(obj);
                    self.decref(key);
                    r?;
                }
                Op::DeleteSubscr => {
                    let key = self.pop();
                    let obj = self.pop();
                    let r = self.delitem(obj, key);
                    self.decref(obj);
                    self.decref(key);
                    r?;
                }
                Op::Binary(b) | Op::InplaceBinary(b) => {
                    let rhs = self.pop();
                    let lhs = self.pop();
                    let inplace = matches!(op, Op::InplaceBinary(_));
                    let r = self.binary(b, lhs, rhs, inplace);
                    self.decref(lhs);
                    self.decref(rhs);
                    let r = r?;
                    self.push(r);
                }
                Op::Unary(u) => {
                    let v = self.pop();
                    let r = self.unary(u, v);
                    self.decref(v);
                    let r = r?;
                    self.push(r);
                }
                Op::Compare(c) => {
                    let rhs = self.pop();
                    let lhs = self.pop();
                    let r = self.compare(c, lhs, rhs);
                    self.decref(lhs);
                    self.decref(rhs);
                    let b = r?;
                    let r = self.bool(b);
                    self.push(r);
                }
                Op::Is(neg) => {
                    let rhs = self.pop();
                    let lhs = self.pop();
                    let r = self.bool((lhs == rhs) != neg);
                    self.decref(lhs);
                    self.decref(rhs);
                    self.push(r);
                }
                Op::Contains(neg) => {
                    let container = self.pop();
                    let item = self.pop();
                    let r = self.contains(container, item);
                    self.decref(item);
                    self.decref(container);
                    let b = r?;
                    let r = self.bool(b != neg);
                    self.push(r);
                }
                Op::BuildList(n) => {
                    let items = self.stack.split_off(self.stack.len() - n as usize);
                    let r = self.new_list(items);
                    self.push(r);
                }
                Op::BuildTuple(n) => {
                    let items = self.stack.split_off(self.stack.len() - n as usize);
                    let r = self.new_tuple(items);
                    self.push(r);
                }
                Op::BuildMap(n) => {
                    let items = self.stack.split_off(self.stack.len() - 2 * n as usize);
                    let d = self.alloc(Obj::Dict(Box::new(Dict::new())));
                    let mut err = None;
                    for pair in items.chunks(2) {
                        if err.is_none() {
                            if let Err(e) = self.dict_set(d, pair[0], pair[1]) {
                                err = Some(e);
                            }
                        }
                        self.decref(pair[0]);
                        self.decref(pair[1]);
                    }
                    if let Some(e) = err {
                        self.decref(d);
                        return Err(e);
                    }
                    self.push(d);
                }
                Op::Call(argc) => self.call_op(argc as usize, None)?,
                Op::CallKw(argc, k) => {
                    let names = match &self.frames[fi].code.consts[k as usize] {
                        Const::Tuple(t) => t
                            .iter()
                            .map(|c| match c {
                                Const::Str(s) => s.clone(),
                                _ => Rc::from(""),
                            })
                            .collect::<Vec<_>>(),
                        _ => Vec::new(),
                    };
                    self.call_op(argc as usize, Some(names))?
                }
                Op::PopTop => {
                    let r = self.pop();
                    self.xdecref(r);
                }
                Op::Copy(n) => {
                    let r = self.stack[self.stack.len() - n as usize];
                    self.incref(r);
                    self.push(r);
                }
                Op::Swap(n) => {
                    let len = self.stack.len();
                    self.stack.swap(len - 1, len - n as usize);
                }
                Op::Jump(t) => {
                    let backward = (t as usize) < self.frames[fi].pc;
                    self.frames[fi].pc = t as usize;
                    if backward {
                        self.eval_breaker()?;
                    }
                }
                Op::PopJumpIfFalse(t) | Op::PopJumpIfTrue(t) => {
                    let v = self.pop();
                    let truth = self.truthy(v);
                    self.decref(v);
                    let truth = truth?;
                    if truth == matches!(op, Op::PopJumpIfTrue(_)) {
                        self.frames[fi].pc = t as usize;
                    }
                }
                Op::JumpIfOrPop(keep, t) => {
                    let v = self.top();
                    if self.truthy(v)? == keep {
                        self.frames[fi].pc = t as usize;
                    } else {
                        let v = self.pop();
                        self.decref(v);
                    }
                }
                Op::GetIter => {
                    let v = self.pop();
                    let r = self.get_iter(v);
                    self.decref(v);
                    let r = r?;
                    self.push(r);
                }
                Op::ForIter(t) => {
                    let it = self.top();
                    match self.iter_next(it)? {
                        Some(v) => self.push(v),
                        None => {
                            let it = self.pop();
                            self.decref(it);
                            self.frames[fi].pc = t as usize;
                        }
                    }
                }
                Op::ReturnValue => {
                    let r = self.pop();
                    self.pop_frame(false);
                    if self.frames.len() == entry {
                        return Ok(r);
                    }
                    self.push(r);
                }
                Op::ImportName(i) => {
                    let name = self.frames[fi].code.names[i as usize].clone();
                    let m = *self
                        .modules
                        .get(&*name)
                        .ok_or_else(|| PyErr::new("ModuleNotFoundError", format!("No module named '{name}'")))?;
                    self.incref(m);
                    self.push(m);
                }
                Op::MakeFunction { defaults } => {
                    let code_obj = self.pop();
                    let defaults = if defaults { self.pop() } else { ObjRef::NULL };
                    let Obj::Code(code, _) = self.heap.get(code_obj) else {
                        return Err(PyErr::new("SystemError", "MAKE_FUNCTION without code".into()));
                    };
                    let code = code.clone();
                    let globals = self.frames[fi].globals;
                    self.incref(globals);
                    let name = code.name.clone();
                    let f = self.alloc(Obj::Function(Box::new(Function { code, code_obj, globals, name, defaults })));
                    if self.tracing {
                        self.trace_items(f);
                    }
                    self.push(f);
                }
                Op::UnpackSequence(n) => {
                    let seq = self.pop();
                    let r = self.unpack(seq, n as usize);
                    self.decref(seq);
                    r?;
                }
            }
        }
    }

    /// Where CPython checks its eval breaker (backward jumps, calls, function
    /// entry): a collection scheduled by an allocation runs here.
    pub fn eval_breaker(&mut self) -> Result<(), PyErr> {
        if self.gc.scheduled {
            self.gc.scheduled = false;
            self.collect_generations();
        }
        Ok(())
    }

    fn call_op(&mut self, argc: usize, kwnames: Option<Vec<Rc<str>>>) -> Result<(), PyErr> {
        let base = self.stack.len() - argc - 2;
        let callable = self.stack[base];
        let this = self.stack[base + 1];
        if let Obj::Function(_) = self.heap.get(callable) {
            if this.is_null() && kwnames.is_none() {
                return self.call_python(base, argc);
            }
        }
        let mut args: Vec<ObjRef> = Vec::with_capacity(argc + 1);
        if !this.is_null() {
            args.push(this);
        }
        args.extend_from_slice(&self.stack[base + 2..]);
        let nkw = kwnames.as_ref().map(|k| k.len()).unwrap_or(0);
        let npos = args.len() - nkw;
        let kwargs: Vec<(Rc<str>, ObjRef)> =
            kwnames.unwrap_or_default().into_iter().zip(args[npos..].iter().copied()).collect();
        let result = self.call_builtin_value(callable, &args[..npos], &kwargs);
        // CPython drops the callable, then each argument in order.
        self.stack.truncate(base);
        self.decref(callable);
        for a in args {
            self.decref(a);
        }
        let r = result?;
        self.push(r);
        self.eval_breaker()
    }

    /// Push a frame for a Python function; the arguments move into its locals
    /// and the function reference into the frame, as `_PyEvalFramePushAndInit` does.
    fn call_python(&mut self, base: usize, argc: usize) -> Result<(), PyErr> {
        let callable = self.stack[base];
        let (code, globals, defaults, code_obj) = match self.heap.get(callable) {
            Obj::Function(f) => (f.code.clone(), f.globals, f.defaults, f.code_obj),
            _ => unreachable!("checked by caller"),
        };
        let consts = match self.heap.get(code_obj) {
            Obj::Code(_, consts) => consts.clone(),
            _ => unreachable!("a function's code is a code object"),
        };
        let nparams = code.argcount as usize;
        let ndefaults = match (!defaults.is_null()).then(|| self.heap.get(defaults)) {
            Some(Obj::Tuple(t)) => t.len(),
            _ => 0,
        };
        if argc > nparams || argc + ndefaults < nparams {
            let missing = nparams - argc.min(nparams);
            let msg = if argc > nparams {
                format!(
                    "{}() takes {} positional argument{} but {} {} given",
                    code.name,
                    nparams,
                    plural(nparams),
                    argc,
                    if argc == 1 { "was" } else { "were" }
                )
            } else {
                let names: Vec<String> =
                    code.varnames[argc..nparams - ndefaults].iter().map(|n| format!("'{n}'")).collect();
                format!(
                    "{}() missing {} required positional argument{}: {}",
                    code.name,
                    missing - ndefaults.min(missing),
                    plural(names.len()),
                    join_names(&names)
                )
            };
            // drop what the call would have consumed
            let items: Vec<ObjRef> = self.stack.drain(base..).collect();
            for r in items {
                self.xdecref(r);
            }
            return Err(PyErr::new("TypeError", msg));
        }
        // Move args down over [callable, NULL]: the frame's locals start at `base`.
        self.stack.remove(base);
        self.stack.remove(base);
        for i in argc..nparams {
            let d = match self.heap.get(defaults) {
                Obj::Tuple(t) => t[i - (nparams - ndefaults)],
                _ => unreachable!("defaults is a tuple"),
            };
            self.incref(d);
            self.stack.push(d);
        }
        for _ in nparams..code.varnames.len() {
            self.stack.push(ObjRef::NULL);
        }
        let id = self.new_frame_id();
        if self.tracing {
            self.trace.push(Event::FramePush { frame: id, name: code.name.clone() });
            for i in 0..nparams {
                let v = self.stack[base + i];
                self.trace_bind(id, code.varnames[i].clone(), Some(v));
            }
        }
        if self.frames.len() >= self.profile.recursion_limit as usize {
            self.frames.push(Frame { code, consts: consts.clone(), pc: 0, base, globals, func: callable, id });
            return Err(PyErr::new("RecursionError", "maximum recursion depth exceeded".into()));
        }
        self.frames.push(Frame { code, consts: consts.clone(), pc: 0, base, globals, func: callable, id });
        self.eval_breaker()
    }

    fn lookup_global(&mut self, globals: ObjRef, name: &Rc<str>) -> Result<ObjRef, PyErr> {
        if let Obj::Dict(d) = self.heap.get(globals) {
            if let Some(v) = d.get(&Key::Str(name.clone())) {
                return Ok(v);
            }
        }
        if let Some(&b) = self.builtins.get(&**name) {
            return Ok(b);
        }
        Err(PyErr::new("NameError", format!("name '{name}' is not defined")))
    }

    fn store_global(&mut self, globals: ObjRef, name: &Rc<str>, v: ObjRef) {
        let key_obj = {
            let existing = match self.heap.get(globals) {
                Obj::Dict(d) => d.get_entry(&Key::Str(name.clone())).map(|e| e.key),
                _ => None,
            };
            match existing {
                Some(k) => k,
                None => {
                    let k = self.heap.alloc(Obj::Str(name.clone()));
                    self.heap.slot_mut(k).flags |= flags::INTERNAL | flags::IMMORTAL;
                    self.trace_alloc(k);
                    k
                }
            }
        };
        if self.tracing {
            let frame = self.frames.iter().find(|f| f.globals == globals).map(|f| f.id).unwrap_or(0);
            self.trace_bind(frame, name.clone(), Some(v));
        }
        let old = match self.heap.get_mut(globals) {
            Obj::Dict(d) => d.set(Key::Str(name.clone()), key_obj, v),
            _ => None,
        };
        if let Some(old) = old {
            self.decref(old);
        }
    }

    fn delete_global(&mut self, globals: ObjRef, name: &Rc<str>) -> Result<(), PyErr> {
        let removed = match self.heap.get_mut(globals) {
            Obj::Dict(d) => d.remove(&Key::Str(name.clone())),
            _ => None,
        };
        match removed {
            Some(e) => {
                if self.tracing {
                    let frame = self.frames.iter().find(|f| f.globals == globals).map(|f| f.id).unwrap_or(0);
                    self.trace_bind(frame, name.clone(), None);
                }
                self.decref(e.key);
                self.decref(e.value);
                Ok(())
            }
            None => Err(PyErr::new("NameError", format!("name '{name}' is not defined"))),
        }
    }

    /// Collect every live object's count and drop the interpreter's own
    /// references at exit is not modelled: CPython's exit order is not traced.
    pub fn finish(&mut self) {
        self.end_step();
    }

    pub fn type_name(&self, r: ObjRef) -> &'static str {
        self.heap.tag(r).name()
    }

    pub fn type_name_rc(&self, r: ObjRef) -> Rc<str> {
        Rc::from(self.type_name(r))
    }

    /// Repr of objects whose value never changes, recorded once at allocation.
    pub fn atomic_repr(&self, r: ObjRef) -> Option<Rc<str>> {
        match self.heap.get(r) {
            Obj::None | Obj::Bool(_) | Obj::Int(_) | Obj::Big(_) | Obj::Float(_) | Obj::Str(_) => {
                Some(ops::short(&self.repr_atomic(r)).into())
            }
            Obj::Module { name, .. } => Some(format!("<module '{name}'>").into()),
            Obj::Builtin { f, .. } => Some(format!("<built-in function {}>", f.name()).into()),
            Obj::Function(f) => Some(format!("<function {}>", f.name).into()),
            Obj::Code(c, _) => Some(format!("<code object {}>", c.name).into()),
            Obj::Range { start, stop, step } => Some(
                if *step == 1 { format!("range({start}, {stop})") } else { format!("range({start}, {stop}, {step})") }
                    .into(),
            ),
            _ => None,
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn join_names(names: &[String]) -> String {
    match names.len() {
        0 => String::new(),
        1 => names[0].clone(),
        2 => format!("{} and {}", names[0], names[1]),
        n => format!("{}, and {}", names[..n - 1].join(", "), names[n - 1]),
    }
}

fn const_key(c: &Const) -> ConstKey {
    match c {
        Const::Int(i) => ConstKey::Int(*i),
        Const::Big(s) => ConstKey::Big(s.clone()),
        Const::Float(f) => ConstKey::Float(f.to_bits()),
        Const::Str(s) => ConstKey::Str(s.clone()),
        Const::Tuple(t) => ConstKey::Tuple(t.iter().map(const_key).collect()),
        Const::Code(c) => ConstKey::Code(Rc::as_ptr(c) as *const u8 as usize),
        Const::None => ConstKey::Int(i64::MIN),
        Const::Bool(b) => ConstKey::Int(i64::MIN + 1 + *b as i64),
    }
}

/// CPython interns string constants made only of name characters.
fn is_identifier_like(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}
