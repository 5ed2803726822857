//! The interpreter: frames over one value stack, running compiled code
//! with CPython 3.13's reference discipline (the stack holds strong
//! references; names, containers and frames own theirs).

mod builtins;
mod call;
mod carets;
mod check;
mod error;
mod eval;
mod exc;
mod finalize;
mod format;
mod items;
mod iter;
mod module_dir;
mod ops;
mod refs;
mod repr;
mod sets;
mod types;
pub(crate) mod unicode;
mod unicode_db;

pub use error::{PyErr, TbEntry};
pub use exc::ErrorReport;
pub use ops::parse_big as parse_big_int;
pub use ops::short as short_repr;

use crate::code::{Code, Const};
use crate::dict::{Dict, Key};
use crate::gc::GcState;
use crate::heap::{flags, Heap, ObjRef};
use crate::object::{Builtin, Obj, TypeObj, TypeTag};
use crate::profile::Profile;
use crate::trace::{Cause, Event, Trace};
use hashbrown::HashMap;
use std::rc::Rc;

pub struct Frame {
    pub code: Rc<Code>,
    pub consts: Rc<[ObjRef]>,
    pub pc: usize,
    /// Stack index of slot 0: locals, then cells and free variables, then the value stack.
    pub base: usize,
    pub globals: ObjRef,
    /// The namespace of module and class code (NULL for functions).
    pub ns: ObjRef,
    /// The function object (owned), NULL for module and class-body code.
    pub func: ObjRef,
    /// The frame's id in the trace.
    pub id: u32,
    /// The frame object, once a traceback needed one (owned), or NULL.
    pub frame_obj: ObjRef,
    /// The generator this frame belongs to (borrowed), or NULL.
    pub gen: ObjRef,
}

impl Frame {
    pub fn nslots(&self) -> usize {
        self.code.varnames.len() + self.code.cellvars.len() + self.code.freevars.len()
    }
}

pub struct Vm {
    pub heap: Heap,
    pub trace: Trace,
    pub tracing: bool,
    pub(crate) touched: Vec<(ObjRef, u32, u32)>,
    /// By slot: the step its object was last touched in, and where in `touched`.
    pub(crate) touch_mark: Vec<(u32, u32)>,
    pub(crate) trash_depth: u32,
    pub(crate) trash_later: Vec<ObjRef>,
    pub(crate) free_cause: Cause,
    pub stack: Vec<ObjRef>,
    pub frames: Vec<Frame>,
    pub stdout: String,
    /// What the program wrote to stderr before any final traceback ("Exception ignored in ...").
    pub stderr: String,
    pub profile: Profile,
    pub gc: GcState,
    pub none: ObjRef,
    pub true_: ObjRef,
    pub false_: ObjRef,
    pub not_implemented: ObjRef,
    pub empty_tuple: ObjRef,
    small_ints: Vec<ObjRef>,
    /// The compiler's constant cache: one object per distinct constant, kept alive.
    pub(crate) const_cache: HashMap<ConstKey, ObjRef>,
    builtins: HashMap<&'static str, ObjRef>,
    modules: HashMap<&'static str, ObjRef>,
    /// Method descriptors of built-in types (`list.append`), made on first use.
    pub(crate) method_descrs: HashMap<Builtin, ObjRef>,
    /// The built-in types, by the values they describe.
    pub(crate) types: HashMap<TypeTag, ObjRef>,
    /// The built-in exception types, by name.
    pub(crate) exc_types: HashMap<&'static str, ObjRef>,
    /// The exception being handled (`sys.exc_info()`), or NULL.
    pub(crate) exc_info: ObjRef,
    /// The callers' `exc_info` slots saved while generators run (CPython's
    /// `previous_item` chain); the innermost is last.
    pub(crate) exc_stack: Vec<ObjRef>,
    /// The module frame's id in the trace: the view keeps it until exit.
    module_frame: u32,
    /// Weak references to each object, oldest first, by target slot.
    pub(crate) weakrefs: HashMap<u32, Vec<ObjRef>>,
    /// Whether any class has had `__setattr__` or `__delattr__`: until one
    /// does, storing an attribute looks for neither (a type slot in CPython).
    pub(crate) attr_hooks: bool,
    /// A built-in method is being called bound (`m = s.union; m()`), not
    /// through its descriptor (`s.union()`): 3.12 words some errors apart.
    pub(crate) bound_call: bool,
    /// Live `weakref.finalize` objects (the registry keeps them alive).
    pub(crate) finalizers: Vec<(ObjRef, ObjRef)>,
    /// The module's globals, owned by the module until interpreter exit.
    pub(crate) main_globals: ObjRef,
    /// The module code's constants (its code object is not a heap object).
    pub(crate) module_consts: Rc<[ObjRef]>,
    pub(crate) gc_garbage: ObjRef,
    pub(crate) gc_callbacks: ObjRef,
    pub(crate) recursion_limit: u32,
    /// Nested native → Python calls (finalizers, callbacks, __init__, __repr__).
    pub(crate) native_depth: u32,
    /// Nesting of container comparisons in progress.
    pub(crate) cmp_depth: u32,
    /// Set by YieldValue so the frame runner knows it suspended rather than returned.
    pub(crate) yielded: bool,
    /// What a generator that just finished returned, when not None (owned), for
    /// the StopIteration of `next()`, `send()` and `throw()`.
    pub(crate) stop_value: ObjRef,
    /// A limit hit inside a finalizer: it stops the program at the next step.
    pub(crate) pending_limit: Option<PyErr>,
    /// Set when the heap passed MAX_OBJECTS: MemoryError at the next check.
    pub(crate) out_of_memory: bool,
    pub(crate) oom_reported: bool,
    /// Output passed MAX_OUTPUT: the notice has been written.
    pub(crate) output_truncated: bool,
    /// Cells allocated or grown since the heap's size was last counted (see `grow`).
    cells_grown: usize,
    /// The next count happens when `cells_grown` passes this.
    cells_recount_at: usize,
    pub max_objects: usize,
    /// Trace events recorded before the run is stopped (`MAX_EVENTS`).
    pub max_events: usize,
    /// TextIOWrapper's pending writes: how many, their bytes, and its list (NULL until two).
    pub(crate) io_pending: u32,
    pub(crate) io_pending_bytes: usize,
    pub(crate) io_pending_list: ObjRef,
    /// Each program class's weakref in its base's subclasses dict, and the
    /// subclasses dicts of program classes (by slot index).
    pub(crate) subclass_refs: Vec<(u32, ObjRef)>,
    pub(crate) subclass_dicts: Vec<(u32, ObjRef)>,
    /// Has an "Exception ignored" report been written yet (the first one costs allocations)?
    pub(crate) unraisable_reported: bool,
    /// Py_ReprEnter's thread-state dict and list, made on first use.
    pub(crate) repr_state: ObjRef,
    pub(crate) repr_state_list: ObjRef,
    pub steps: u64,
    pub max_steps: u64,
    /// Statements left before the instruction loop returns to be called again.
    pub(crate) reenter: u32,
    /// Operations done inside built-ins (long loops within one statement), with their budget.
    pub(crate) work_done: u64,
    pub max_work: u64,
    next_frame_id: u32,
    pub source: Rc<str>,
    pub filename: Rc<str>,
    /// With the `check` feature: check the heap at every statement (`check_step`).
    #[cfg(feature = "check")]
    pub check_steps: bool,
    /// What the first failing statement check found.
    #[cfg(feature = "check")]
    pub step_problems: Vec<String>,
}

#[derive(Hash, PartialEq, Eq)]
pub(crate) enum ConstKey {
    Int(i64),
    Big(Rc<str>),
    Float(u64),
    Str(Rc<str>),
    Tuple(Vec<ConstKey>),
    FrozenSet(Vec<ConstKey>),
    Code(usize),
}

/// Live objects the model allows before raising MemoryError (at the next
/// statement or loop back-edge).
pub const MAX_OBJECTS: usize = 8_000_000;

/// Memory the model allows beside the object count, in 8-byte cells: container
/// slots and string bytes. Past it, MemoryError (as for MAX_OBJECTS): a
/// million lists of a thousand items must not exhaust the machine or the tab.
pub const MAX_CELLS: usize = 32 << 20;

/// Printed output kept (and traced); past it one notice, then nothing more.
pub const MAX_OUTPUT: usize = 16 << 20;

/// Trace events a traced run may record (the page keeps every one, ~43 bytes
/// each with the replay's checkpoints): past it the run stops, as past the step
/// budget. A program that makes thousands of objects a step would otherwise
/// outgrow the wasm module's memory long before the page's step budget.
pub const MAX_EVENTS: usize = 30_000_000;

/// Nested native → Python calls the model allows (each uses native stack).
pub const MAX_NATIVE_DEPTH: u32 = 600;

/// The small ints CPython preallocates (and makes immortal).
const SMALL_MIN: i64 = -5;
const SMALL_MAX: i64 = 256;

/// The built-in exception hierarchy: (name, base).
const EXCEPTIONS: &[(&str, &str)] = &[
    ("BaseException", ""),
    ("Exception", "BaseException"),
    ("SystemExit", "BaseException"),
    ("KeyboardInterrupt", "BaseException"),
    ("GeneratorExit", "BaseException"),
    ("StopIteration", "Exception"),
    ("ArithmeticError", "Exception"),
    ("ZeroDivisionError", "ArithmeticError"),
    ("OverflowError", "ArithmeticError"),
    ("AssertionError", "Exception"),
    ("AttributeError", "Exception"),
    ("LookupError", "Exception"),
    ("IndexError", "LookupError"),
    ("KeyError", "LookupError"),
    ("MemoryError", "Exception"),
    ("NameError", "Exception"),
    ("UnboundLocalError", "NameError"),
    ("RuntimeError", "Exception"),
    ("RecursionError", "RuntimeError"),
    ("NotImplementedError", "RuntimeError"),
    ("TypeError", "Exception"),
    ("ValueError", "Exception"),
    ("UnicodeError", "ValueError"),
    ("ReferenceError", "Exception"),
    ("ImportError", "Exception"),
    ("ModuleNotFoundError", "ImportError"),
    ("OSError", "Exception"),
];

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
            stderr: String::new(),
            gc: GcState::new(&profile),
            recursion_limit: profile.recursion_limit,
            profile,
            none: ObjRef::NULL,
            true_: ObjRef::NULL,
            false_: ObjRef::NULL,
            not_implemented: ObjRef::NULL,
            empty_tuple: ObjRef::NULL,
            small_ints: Vec::new(),
            const_cache: HashMap::new(),
            builtins: HashMap::new(),
            modules: HashMap::new(),
            method_descrs: HashMap::new(),
            types: HashMap::new(),
            exc_types: HashMap::new(),
            exc_info: ObjRef::NULL,
            exc_stack: Vec::new(),
            module_frame: 0,
            weakrefs: HashMap::new(),
            attr_hooks: false,
            bound_call: false,
            finalizers: Vec::new(),
            main_globals: ObjRef::NULL,
            module_consts: Rc::from(Vec::new()),
            gc_garbage: ObjRef::NULL,
            gc_callbacks: ObjRef::NULL,
            native_depth: 0,
            cmp_depth: 0,
            yielded: false,
            stop_value: ObjRef::NULL,
            pending_limit: None,
            out_of_memory: false,
            oom_reported: false,
            cells_grown: 0,
            output_truncated: false,
            cells_recount_at: MAX_CELLS,
            max_objects: MAX_OBJECTS,
            max_events: MAX_EVENTS,
            io_pending: 0,
            io_pending_bytes: 0,
            io_pending_list: ObjRef::NULL,
            subclass_refs: Vec::new(),
            subclass_dicts: Vec::new(),
            unraisable_reported: false,
            repr_state: ObjRef::NULL,
            repr_state_list: ObjRef::NULL,
            steps: 0,
            max_steps: u64::MAX,
            reenter: 1,
            work_done: 0,
            max_work: 200_000_000,
            next_frame_id: 0,
            source,
            filename,
            #[cfg(feature = "check")]
            check_steps: false,
            #[cfg(feature = "check")]
            step_problems: Vec::new(),
        };
        vm.none = vm.alloc_immortal(Obj::None);
        vm.true_ = vm.alloc_immortal(Obj::Bool(true));
        vm.false_ = vm.alloc_immortal(Obj::Bool(false));
        vm.not_implemented = vm.alloc_immortal(Obj::NotImplemented);
        vm.empty_tuple = vm.alloc_immortal(Obj::Tuple(Box::new([])));
        for i in SMALL_MIN..=SMALL_MAX {
            let r = vm.alloc_immortal(Obj::Int(i));
            vm.small_ints.push(r);
        }
        vm.install_types();
        vm.install_builtins();
        vm.tracing = tracing;
        // the replay needs every object a name or container may point at
        for i in 0..vm.heap.slots.len() {
            vm.trace_alloc(ObjRef(i as u32));
        }
        vm
    }

    pub(crate) fn alloc_immortal(&mut self, obj: Obj) -> ObjRef {
        let r = self.heap.alloc(obj);
        self.heap.slot_mut(r).flags |= flags::IMMORTAL | flags::INTERNAL;
        self.trace_alloc(r);
        r
    }

    /// Allocate a new object with one reference, tracking it if CPython would.
    pub fn alloc(&mut self, obj: Obj) -> ObjRef {
        self.alloc_flagged(obj, 0, true)
    }

    /// `PyType_GenericAlloc`, as the `list` and `dict` types' constructors
    /// allocate: never from a free list (`[]` and `{}` are).
    pub fn alloc_unpooled(&mut self, obj: Obj) -> ObjRef {
        self.alloc_flagged(obj, 0, false)
    }

    /// Allocate an interpreter-made object the view does not draw on its own
    /// (a class's dict and mro, a call's argument tuple): counted and tracked
    /// like any other, as in CPython.
    pub fn alloc_hidden(&mut self, obj: Obj) -> ObjRef {
        self.alloc_flagged(obj, flags::INTERNAL, true)
    }

    /// A tuple the interpreter makes of `items` for a moment (a call's `*args`,
    /// a class statement's bases), or NULL when there are none: the empty
    /// tuple is a singleton that allocates nothing.
    pub(crate) fn hidden_tuple(&mut self, items: &[ObjRef]) -> ObjRef {
        if items.is_empty() {
            return ObjRef::NULL;
        }
        for &i in items {
            self.incref(i);
        }
        self.alloc_hidden(Obj::Tuple(items.into()))
    }

    fn alloc_flagged(&mut self, obj: Obj, extra: u8, pooled: bool) -> ObjRef {
        let tag = obj.tag();
        self.grow(cells_of(&obj));
        let r = self.heap.alloc(obj);
        if self.heap.live > self.max_objects && !self.oom_reported {
            self.out_of_memory = true;
        }
        self.heap.slot_mut(r).flags |= extra;
        if self.tracing {
            self.trace_alloc(r);
            self.touch_new(r);
        }
        if tag.is_gc() {
            let reused =
                pooled && crate::gc::FreeKind::of(self.heap.get(r)).is_some_and(|k| self.gc.alloc_from_free_list(k));
            if !reused {
                self.gc.alloc_gc_object();
            }
            if self.tracked_at_birth(r) {
                self.track(r);
            }
        }
        r
    }

    /// Mark a new object as touched with a start count of 0, so the step shows it as new.
    fn touch_new(&mut self, r: ObjRef) {
        let i = r.idx();
        if i >= self.touch_mark.len() {
            self.touch_mark.resize(self.heap.slots.len().max(i + 1), (u32::MAX, 0));
        }
        self.touch_mark[i] = (self.trace.steps() as u32, self.touched.len() as u32);
        self.touched.push((r, self.heap.serial(r), 0));
    }

    /// Tuples start tracked; dicts only once they hold a container (MAINTAIN_TRACKING);
    /// a frame object only once it outlives its frame (`_PyFrame_New_NoTrack`).
    fn tracked_at_birth(&self, r: ObjRef) -> bool {
        match self.heap.get(r) {
            Obj::Dict(d) => d.iter().any(|(k, v)| self.may_be_tracked(k) || self.may_be_tracked(v)),
            Obj::Frame(_) => false,
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
    pub(crate) fn trace_alloc(&mut self, r: ObjRef) {
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
                    Const::Tuple(items) if items.is_empty() => return self.empty_tuple,
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
                    Const::FrozenSet(items) => {
                        // built from the items, then rebuilt from its own order
                        // by the compiler's constant merging, as CPython does
                        let mut first = crate::dict::SetTable::new();
                        for i in items.iter() {
                            let r = self.load_const(i);
                            if let Ok(k) = self.key_of(r) {
                                first.set(k, r, ObjRef::NULL);
                            }
                        }
                        let mut t = crate::dict::SetTable::new();
                        t.frozen = true;
                        for e in first.entries() {
                            t.set(e.k.clone(), e.key, ObjRef::NULL);
                        }
                        let members: Vec<ObjRef> = t.entries().map(|e| e.key).collect();
                        for r in members {
                            self.incref(r);
                        }
                        self.alloc(Obj::Set(Box::new(t)))
                    }
                    Const::Code(code) => {
                        let consts = self.materialize_consts(code);
                        self.alloc_internal(Obj::Code(code.clone(), consts))
                    }
                    _ => unreachable!("immortal constants handled above"),
                };
                if self.tracing && !self.heap.slot(r).is(flags::INTERNAL) {
                    self.trace.push(Event::Constant { id: self.heap.serial(r) });
                }
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

    /// The built-in types: immortal, their methods in Rust.
    fn install_types(&mut self) {
        use TypeTag::*;
        let object = self.new_builtin_type("object", ObjRef::NULL, Some(Object), false);
        self.types.insert(Object, object);
        for &tag in TypeTag::BUILTIN_TYPES {
            let t = self.new_builtin_type(tag.name(), object, Some(tag), false);
            self.types.insert(tag, t);
        }
        // bool subclasses int
        let int = self.types[&Int];
        let b = self.new_builtin_type("bool", int, Some(Bool), false);
        self.types.insert(Bool, b);
        for &(name, base) in EXCEPTIONS {
            let b = if base.is_empty() { object } else { self.exc_types[base] };
            let t = self.new_builtin_type(name, b, None, true);
            self.exc_types.insert(name, t);
        }
    }

    fn new_builtin_type(&mut self, name: &'static str, base: ObjRef, tag: Option<TypeTag>, exception: bool) -> ObjRef {
        let dict = self.alloc_immortal(Obj::Dict(Box::new(Dict::new())));
        let t = self.alloc_immortal(Obj::Type(Box::new(TypeObj {
            name: name.into(),
            // weakref.finalize is a class of weakref.py: its repr names the module
            qualname: if tag == Some(TypeTag::Finalizer) { "weakref.finalize".into() } else { name.into() },
            base,
            bases: ObjRef::NULL,
            mro: ObjRef::NULL,
            dict,
            builtin: tag,
            exception,
        })));
        // __mro__: the type, then its base's mro
        let mut mro = vec![t];
        if !base.is_null() {
            if let Obj::Type(bt) = self.heap.get(base) {
                if let Obj::Tuple(m) = self.heap.get(bt.mro) {
                    mro.extend(m.iter().copied());
                }
            }
        }
        let mro = self.alloc_immortal(Obj::Tuple(mro.into_boxed_slice()));
        let bases = if base.is_null() { self.empty_tuple } else { self.alloc_immortal(Obj::Tuple(Box::new([base]))) };
        if let Obj::Type(tt) = self.heap.get_mut(t) {
            tt.mro = mro;
            tt.bases = bases;
        }
        t
    }

    fn install_builtins(&mut self) {
        use Builtin as B;
        for (name, f) in [
            ("print", B::Print),
            ("len", B::Len),
            ("id", B::Id),
            ("repr", B::Repr),
            ("hash", B::Hash),
            ("isinstance", B::Isinstance),
            ("issubclass", B::Issubclass),
            ("sorted", B::Sorted),
            ("reversed", B::Reversed),
            ("min", B::Min),
            ("max", B::Max),
            ("sum", B::Sum),
            ("abs", B::Abs),
            ("hex", B::Hex),
            ("oct", B::Oct),
            ("bin", B::Bin),
            ("pow", B::Pow),
            ("any", B::Any),
            ("all", B::All),
            ("enumerate", B::Enumerate),
            ("zip", B::Zip),
            ("iter", B::Iter),
            ("next", B::Next),
            ("hasattr", B::Hasattr),
            ("getattr", B::Getattr),
            ("setattr", B::Setattr),
            ("delattr", B::Delattr),
            ("callable", B::Callable),
            ("divmod", B::Divmod),
            ("format", B::Format),
            ("ascii", B::Ascii),
            ("round", B::Round),
            ("ord", B::Ord),
            ("chr", B::Chr),
            ("__build_class__", B::BuildClass),
            ("super", B::Super),
            ("globals", B::Globals),
        ] {
            let r = self.alloc_immortal(Obj::Builtin { f, this: ObjRef::NULL });
            self.builtins.insert(name, r);
        }
        for (name, tag) in [
            ("object", TypeTag::Object),
            ("type", TypeTag::Type),
            ("int", TypeTag::Int),
            ("float", TypeTag::Float),
            ("str", TypeTag::Str),
            ("bool", TypeTag::Bool),
            ("list", TypeTag::List),
            ("tuple", TypeTag::Tuple),
            ("dict", TypeTag::Dict),
            ("set", TypeTag::Set),
            ("frozenset", TypeTag::FrozenSet),
            ("range", TypeTag::Range),
            ("slice", TypeTag::Slice),
            ("enumerate", TypeTag::Enumerate),
            ("zip", TypeTag::Zip),
        ] {
            self.builtins.insert(name, self.types[&tag]);
        }
        for &(name, _) in EXCEPTIONS {
            self.builtins.insert(name, self.exc_types[name]);
        }
        self.builtins.insert("NotImplemented", self.not_implemented);
        let sys = self.make_module(
            "sys",
            &[
                ("getrefcount", B::SysGetrefcount),
                ("getrecursionlimit", B::SysGetrecursionlimit),
                ("setrecursionlimit", B::SysSetrecursionlimit),
                ("intern", B::SysIntern),
                ("exc_info", B::SysExcInfo),
            ],
        );
        let gc = self.make_module(
            "gc",
            &[
                ("collect", B::GcCollect),
                ("get_count", B::GcGetCount),
                ("get_threshold", B::GcGetThreshold),
                ("set_threshold", B::GcSetThreshold),
                ("is_tracked", B::GcIsTracked),
                ("is_finalized", B::GcIsFinalized),
                ("enable", B::GcEnable),
                ("disable", B::GcDisable),
                ("isenabled", B::GcIsEnabled),
                ("get_objects", B::GcGetObjects),
                ("get_stats", B::GcGetStats),
                ("get_referrers", B::GcGetReferrers),
                ("get_referents", B::GcGetReferents),
                ("freeze", B::GcFreeze),
                ("unfreeze", B::GcUnfreeze),
                ("get_freeze_count", B::GcGetFreezeCount),
                ("set_debug", B::GcSetDebug),
                ("get_debug", B::GcGetDebug),
            ],
        );
        let garbage = self.alloc_internal(Obj::List(Vec::new()));
        let callbacks = self.alloc_internal(Obj::List(Vec::new()));
        self.gc_garbage = garbage;
        self.gc_callbacks = callbacks;
        self.module_set(gc, "garbage", garbage);
        self.module_set(gc, "callbacks", callbacks);
        for (name, v) in [
            ("DEBUG_STATS", 1),
            ("DEBUG_COLLECTABLE", 2),
            ("DEBUG_UNCOLLECTABLE", 4),
            ("DEBUG_SAVEALL", 32),
            ("DEBUG_LEAK", 38),
        ] {
            let i = self.int(v);
            self.module_set(gc, name, i);
        }
        let weakref = self.make_module(
            "weakref",
            &[("getweakrefcount", B::WeakrefGetweakrefcount), ("finalize", B::WeakrefFinalize)],
        );
        let wr = self.types[&TypeTag::WeakRef];
        self.module_set(weakref, "ref", wr);
        self.module_set(weakref, "ReferenceType", wr);
        let time = self.make_module("time", &[("perf_counter", B::TimePerfCounter), ("time", B::TimeTime)]);
        self.modules.insert("sys", sys);
        self.modules.insert("gc", gc);
        self.modules.insert("weakref", weakref);
        self.modules.insert("time", time);
    }

    fn module_set(&mut self, m: ObjRef, name: &str, v: ObjRef) {
        let Obj::Module { dict, .. } = *self.heap.get(m) else { return };
        self.incref(v);
        let k = self.alloc_internal(Obj::Str(name.into()));
        if let Obj::Dict(d) = self.heap.get_mut(dict) {
            d.set(Key::Str(name.into()), k, v);
        }
    }

    fn make_module(&mut self, name: &'static str, funcs: &[(&'static str, Builtin)]) -> ObjRef {
        let dict = self.alloc_internal(Obj::Dict(Box::new(Dict::new())));
        for &(fname, f) in funcs {
            let fr = self.alloc_immortal(Obj::Builtin { f, this: ObjRef::NULL });
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

    /// Record a name binding; objects the view does not draw carry their repr.
    pub(crate) fn trace_bind(&mut self, frame: u32, name: Rc<str>, target: Option<ObjRef>) {
        let (id, repr) = match target {
            None => (None, None),
            Some(r) => {
                let hidden = self.heap.slot(r).is(flags::INTERNAL) || self.heap.slot(r).is(flags::IMMORTAL);
                (Some(self.heap.serial(r)), if hidden { self.atomic_repr(r) } else { None })
            }
        };
        self.trace.push(Event::Bind { frame, name, id, repr });
    }

    /// The collector's settings changed: the view shows them from here on.
    pub(crate) fn trace_gc_config(&mut self) {
        if self.tracing {
            self.trace.push(Event::GcConfig { enabled: self.gc.enabled, threshold: self.gc.threshold });
        }
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

    pub(crate) fn begin_step(&mut self, line: u32) -> Result<(), PyErr> {
        #[cfg(feature = "check")]
        self.check_step();
        if let Some(e) = self.pending_limit.take() {
            return Err(e);
        }
        self.check_memory()?;
        self.steps += 1;
        if self.steps > self.max_steps {
            return Err(PyErr::limit(format!(
                "the program ran more than {} steps and was stopped (raise the step limit to let it go on)",
                self.max_steps
            )));
        }
        if self.tracing && self.trace.events.len() > self.max_events {
            return Err(PyErr::limit(format!(
                "the program's trace passed {} events and the program was stopped (it would not fit in memory)",
                self.max_events
            )));
        }
        if self.tracing {
            self.end_step();
            self.trace.begin_step(line);
        }
        Ok(())
    }

    /// MemoryError once the heap is too large (it stays raised until memory is freed).
    /// CPython counts a Python frame and each call into Python from native code
    /// (an `__init__` from a type call, a finalizer, a key function) against the
    /// recursion limit; native re-entrancy is also capped so the native stack
    /// (the browser's included) can never overflow.
    pub(crate) fn recursion_exceeded(&self) -> bool {
        self.frames.len() + self.native_depth as usize >= self.recursion_limit as usize
            || self.native_depth >= MAX_NATIVE_DEPTH
    }

    /// Containers grew by `cells`. Growth is summed without following frees;
    /// when the sum passes the budget the live heap is measured, and only a
    /// heap really that large is out of memory (so the count costs a scan per
    /// budget's worth of growth, never per operation).
    pub(crate) fn grow(&mut self, cells: usize) {
        self.cells_grown += cells;
        if self.cells_grown > self.cells_recount_at {
            let live: usize = self.heap.slots.iter().map(|s| cells_of(&s.obj)).sum();
            self.cells_grown = live;
            // a heap that stays large is counted again after an eighth more
            // growth, and raises again then: memory stays bounded even when a
            // program catches MemoryError and goes on allocating
            self.cells_recount_at = MAX_CELLS.max(live + MAX_CELLS / 8);
            if live > MAX_CELLS {
                self.out_of_memory = true;
            }
        }
    }

    /// Raised once per crossing: the program may catch it and free memory.
    pub(crate) fn check_memory(&mut self) -> Result<(), PyErr> {
        if self.out_of_memory {
            self.out_of_memory = false;
            self.oom_reported = true;
            return Err(PyErr::new("MemoryError", String::new()));
        }
        if self.oom_reported && self.heap.live < self.max_objects * 9 / 10 {
            self.oom_reported = false;
        }
        Ok(())
    }

    /// Close the last step.
    pub fn finish(&mut self) {
        self.end_step();
    }

    /// The name of an object's type, as `type(x).__name__`.
    pub fn type_name(&self, r: ObjRef) -> Rc<str> {
        match self.heap.get(r) {
            Obj::Instance(i) => match self.heap.get(i.class) {
                Obj::Type(t) => t.name.clone(),
                _ => "object".into(),
            },
            other => other.tag().name().into(),
        }
    }

    pub fn type_name_rc(&self, r: ObjRef) -> Rc<str> {
        self.type_name(r)
    }

    /// Repr of objects whose value never changes, recorded once at allocation.
    pub fn atomic_repr(&self, r: ObjRef) -> Option<Rc<str>> {
        match self.heap.get(r) {
            Obj::None | Obj::Bool(_) | Obj::Int(_) | Obj::Big(_) | Obj::Float(_) | Obj::Str(_) => {
                Some(ops::short(&self.repr_atomic(r)).into())
            }
            Obj::Module { name, .. } => Some(format!("<module '{name}'>").into()),
            Obj::Builtin { f, .. } => Some(format!("<built-in function {}>", f.name()).into()),
            Obj::Function(f) => Some(format!("<function {}>", f.qualname).into()),
            Obj::Type(t) => Some(format!("<class '{}'>", t.qualname).into()),
            Obj::Code(c, _) => Some(format!("<code object {}>", c.name).into()),
            Obj::Range { start, stop, step } => Some(
                if *step == 1 { format!("range({start}, {stop})") } else { format!("range({start}, {stop}, {step})") }
                    .into(),
            ),
            _ => None,
        }
    }
}

fn const_key(c: &Const) -> ConstKey {
    match c {
        Const::Int(i) => ConstKey::Int(*i),
        Const::Big(s) => ConstKey::Big(s.clone()),
        Const::Float(f) => ConstKey::Float(f.to_bits()),
        Const::Str(s) => ConstKey::Str(s.clone()),
        Const::Tuple(t) => ConstKey::Tuple(t.iter().map(const_key).collect()),
        Const::FrozenSet(t) => ConstKey::FrozenSet(t.iter().map(const_key).collect()),
        Const::Code(c) => ConstKey::Code(Rc::as_ptr(c) as *const u8 as usize),
        Const::None => ConstKey::Int(i64::MIN),
        Const::Bool(b) => ConstKey::Int(i64::MIN + 1 + *b as i64),
    }
}

/// CPython interns string constants made only of name characters.
fn is_identifier_like(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// An object's contents in 8-byte cells, for the memory budget.
fn cells_of(obj: &Obj) -> usize {
    match obj {
        Obj::List(v) => v.len(),
        Obj::Tuple(v) => v.len(),
        Obj::Dict(d) => 3 * d.len(),
        Obj::Set(d) => 2 * d.len(),
        Obj::Str(s) => s.len() / 8,
        _ => 0,
    }
}
