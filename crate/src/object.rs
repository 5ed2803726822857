//! Object payloads. Every Python value is a heap object with a refcount,
//! as in CPython: ints and strs included, so counts come out the same.

use crate::code::Code;
use crate::dict::{Dict, SetTable};
use crate::heap::ObjRef;
use num_bigint::BigInt;
use std::rc::Rc;

macro_rules! builtins {
    ($($variant:ident => $name:literal,)*) => {
        /// The built-in functions and methods the interpreter provides.
        #[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
        pub enum Builtin { $($variant,)* }
        impl Builtin {
            pub fn name(self) -> &'static str {
                match self { $(Builtin::$variant => $name,)* }
            }
        }
    };
}

builtins! {
    Print => "print", Len => "len", Id => "id", Repr => "repr", Hash => "hash",
    Isinstance => "isinstance", Issubclass => "issubclass", Sorted => "sorted", Reversed => "reversed",
    Min => "min", Max => "max", Sum => "sum", Abs => "abs", Hex => "hex", Oct => "oct", Bin => "bin", Pow => "pow", Any => "any", All => "all",
    Enumerate => "enumerate", Zip => "zip", Iter => "iter", Next => "next",
    Hasattr => "hasattr", Getattr => "getattr", Setattr => "setattr", Delattr => "delattr",
    Callable => "callable", Divmod => "divmod", Round => "round", Ord => "ord", Chr => "chr",
    Format => "format", Ascii => "ascii",
    BuildClass => "__build_class__", Super => "super", Globals => "globals",
    SysGetrefcount => "getrefcount", SysGetrecursionlimit => "getrecursionlimit",
    SysSetrecursionlimit => "setrecursionlimit", SysIntern => "intern", SysExcInfo => "exc_info",
    GcCollect => "collect", GcGetCount => "get_count", GcGetThreshold => "get_threshold",
    GcSetThreshold => "set_threshold", GcIsTracked => "is_tracked", GcIsFinalized => "is_finalized",
    GcEnable => "enable", GcDisable => "disable", GcIsEnabled => "isenabled",
    GcGetObjects => "get_objects", GcGetStats => "get_stats", GcGetReferrers => "get_referrers",
    GcGetReferents => "get_referents", GcFreeze => "freeze", GcUnfreeze => "unfreeze",
    GcGetFreezeCount => "get_freeze_count", GcSetDebug => "set_debug", GcGetDebug => "get_debug",
    WeakrefGetweakrefcount => "getweakrefcount", WeakrefFinalize => "finalize",
    TimePerfCounter => "perf_counter", TimeTime => "time",
    // methods of built-in types
    ListAppend => "append", ListPop => "pop", ListExtend => "extend", ListInsert => "insert",
    ListRemove => "remove", ListIndex => "index", ListCount => "count", ListClear => "clear",
    ListSort => "sort", ListReverse => "reverse", ListCopy => "copy",
    DictGet => "get", DictKeys => "keys", DictValues => "values", DictItems => "items",
    DictPop => "pop", DictSetdefault => "setdefault", DictUpdate => "update", DictClear => "clear",
    DictCopy => "copy", DictPopitem => "popitem",
    SetAdd => "add", SetDiscard => "discard", SetRemove => "remove", SetPop => "pop",
    SetClear => "clear", SetUnion => "union", SetIntersection => "intersection",
    SetDifference => "difference", SetUpdate => "update", SetCopy => "copy", SetIssubset => "issubset", SetIssuperset => "issuperset", SetIsdisjoint => "isdisjoint",
    SetSymmetricDifference => "symmetric_difference", SetIntersectionUpdate => "intersection_update",
    SetDifferenceUpdate => "difference_update", SetSymmetricDifferenceUpdate => "symmetric_difference_update",
    StrJoin => "join", StrSplit => "split", StrUpper => "upper", StrLower => "lower", StrStrip => "strip",
    StrReplace => "replace", StrStartswith => "startswith", StrEndswith => "endswith", StrFind => "find",
    StrFormat => "format", StrCount => "count", StrIsdigit => "isdigit", StrLstrip => "lstrip",
    StrRstrip => "rstrip", StrTitle => "title", StrCapitalize => "capitalize", StrIndex => "index",
    StrRjust => "rjust", StrLjust => "ljust", StrCenter => "center", StrZfill => "zfill",
    StrIsalpha => "isalpha", StrSplitlines => "splitlines", StrSwapcase => "swapcase", StrIsupper => "isupper",
    StrIslower => "islower", StrIsspace => "isspace", StrIsalnum => "isalnum", StrIsdecimal => "isdecimal",
    StrIsnumeric => "isnumeric", StrIstitle => "istitle", StrIsprintable => "isprintable",
    StrRsplit => "rsplit", StrRfind => "rfind", StrRindex => "rindex", StrPartition => "partition",
    StrRpartition => "rpartition", StrRemoveprefix => "removeprefix", StrRemovesuffix => "removesuffix",
    StrIsascii => "isascii", IntBitCount => "bit_count", FloatIsInteger => "is_integer",
    TupleIndex => "index", TupleCount => "count",
    GenSend => "send", GenClose => "close", GenThrow => "throw",
    IntBitLength => "bit_length",
    FinalizerDetach => "detach", FinalizerPeek => "peek",
    ObjectNew => "__new__", ObjectInit => "__init__", ObjectDir => "__dir__",
    ObjectSetattr => "__setattr__", ObjectDelattr => "__delattr__", ObjectGetattribute => "__getattribute__",
}

/// A Python function object.
pub struct Function {
    pub code: Rc<Code>,
    pub code_obj: ObjRef,
    pub globals: ObjRef,
    pub name: Rc<str>,
    pub qualname: Rc<str>,
    /// The `__defaults__` tuple, or NULL.
    pub defaults: ObjRef,
    /// The `__kwdefaults__` dict, or NULL.
    pub kwdefaults: ObjRef,
    /// The `__closure__` tuple of cells, or NULL.
    pub closure: ObjRef,
    /// The function's `__dict__`, or NULL until an attribute is set.
    pub dict: ObjRef,
}

/// A class: built-in (immortal, methods in Rust) or defined by the program.
pub struct TypeObj {
    pub name: Rc<str>,
    pub qualname: Rc<str>,
    /// `tp_base`, NULL only for `object`.
    pub base: ObjRef,
    /// `__bases__` tuple.
    pub bases: ObjRef,
    /// `__mro__` tuple (starts with the type itself).
    pub mro: ObjRef,
    /// `__dict__`.
    pub dict: ObjRef,
    /// For built-in types, which values they describe.
    pub builtin: Option<TypeTag>,
    /// Instances are exceptions (BaseException in the MRO).
    pub exception: bool,
}

/// State an exception instance carries.
#[derive(Default)]
pub struct ExcState {
    /// `args` tuple.
    pub args: ObjRef,
    /// A StopIteration's `value` (its first argument, or None), a reference of its own.
    pub value: ObjRef,
    /// `__traceback__`: the newest traceback entry, or NULL.
    pub traceback: ObjRef,
    pub context: ObjRef,
    pub cause: ObjRef,
    pub suppress_context: bool,
    /// CPython's `name` (and `obj`) of a NameError or AttributeError the interpreter raised.
    pub hint: Option<Box<Hint>>,
}

/// What an uncaught NameError's or AttributeError's "Did you mean" needs
/// (`vm/suggest.rs`): the missing name and where its candidates come from.
pub struct Hint {
    pub name: Rc<str>,
    pub on: HintOn,
}

pub enum HintOn {
    /// A NameError: the innermost frame's names, the globals and the built-ins.
    Frame,
    /// An attribute of a built-in value or type, or of a module: dir() from the table.
    Table { name: Rc<str>, module: bool },
    /// An attribute of an object of the program's own (instance, class), while that
    /// object lives (the slot and its serial); CPython's AttributeError holds it.
    Object(ObjRef, u32),
}

/// An instance of a class defined by the program (or of a built-in exception type).
pub struct Instance {
    pub class: ObjRef,
    /// Attribute values kept inline, in insertion order (CPython 3.13's inline values).
    pub attrs: Vec<(Rc<str>, ObjRef)>,
    /// A materialised `__dict__`, or NULL.
    pub dict: ObjRef,
    /// The `__dict__` shares the inline values (3.13): `attrs` still own them.
    pub dict_embedded: bool,
    pub exc: Option<Box<ExcState>>,
}

/// A suspended (or running) generator's frame.
pub struct SavedFrame {
    pub code: Rc<Code>,
    pub consts: Rc<[ObjRef]>,
    pub pc: usize,
    /// Locals, cells and the value stack, owned while suspended.
    pub values: Vec<ObjRef>,
    pub globals: ObjRef,
    pub func: ObjRef,
    /// The frame object a traceback made for this frame (NULL if none): the
    /// paused frame keeps it (`frame_obj` of CPython's interpreter frame).
    pub frame_obj: ObjRef,
}

pub struct GenState {
    pub name: Rc<str>,
    pub qualname: Rc<str>,
    /// None once the generator has finished.
    pub frame: Option<SavedFrame>,
    pub running: bool,
    pub started: bool,
    /// gi_exc_state: the exception its own `except` block handles while paused there.
    pub exc_state: ObjRef,
}

/// A frame object: made when a traceback needs one; it takes over the
/// frame's locals when the frame exits while still referenced.
pub struct FrameObj {
    pub code: Rc<Code>,
    pub line: u32,
    pub func: ObjRef,
    /// Owned locals once the frame has exited (empty while it runs).
    pub locals: Vec<ObjRef>,
    /// f_back: the caller's frame object, set when this one outlives its frame.
    pub back: ObjRef,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum DictViewKind {
    Keys,
    Values,
    Items,
}

/// Iterator states, one object kind with CPython's type names.
pub enum IterState {
    /// list, tuple and str iterators; `seq` is NULL once exhausted.
    Seq {
        seq: ObjRef,
        index: usize,
        tag: TypeTag,
    },
    Reversed {
        seq: ObjRef,
        index: isize,
    },
    Range {
        next: i64,
        stop: i64,
        step: i64,
    },
    Dict {
        dict: ObjRef,
        pos: usize,
        kind: DictViewKind,
        len: usize,
    },
    Set {
        set: ObjRef,
        pos: usize,
        len: usize,
    },
    Enumerate {
        iter: ObjRef,
        count: i64,
    },
    Zip {
        iters: Vec<ObjRef>,
    },
}

pub enum Obj {
    /// A slot on the free list.
    Free {
        next: u32,
    },
    None,
    NotImplemented,
    Bool(bool),
    Int(i64),
    Big(Box<BigInt>),
    Float(f64),
    Str(Rc<str>),
    List(Vec<ObjRef>),
    Tuple(Box<[ObjRef]>),
    Dict(Box<Dict>),
    /// A set, laid out as CPython's table.
    Set(Box<SetTable>),
    Slice {
        start: ObjRef,
        stop: ObjRef,
        step: ObjRef,
    },
    Range {
        start: i64,
        stop: i64,
        step: i64,
    },
    Iter(Box<IterState>),
    DictView {
        dict: ObjRef,
        kind: DictViewKind,
    },
    Module {
        name: Rc<str>,
        dict: ObjRef,
    },
    /// A built-in function, or a method bound to `this` (NULL for plain functions).
    Builtin {
        f: Builtin,
        this: ObjRef,
    },
    /// A code object and its materialised constants (`co_consts`, which owns a reference to each).
    Code(Rc<Code>, Rc<[ObjRef]>),
    Function(Box<Function>),
    Cell(ObjRef),
    /// A bound method.
    Method {
        func: ObjRef,
        this: ObjRef,
    },
    Type(Box<TypeObj>),
    Instance(Box<Instance>),
    /// A getset descriptor of a class (`__dict__`, `__weakref__`): it references its class.
    Descr {
        owner: ObjRef,
        name: Rc<str>,
    },
    Generator(Box<GenState>),
    Frame(Box<FrameObj>),
    Traceback {
        next: ObjRef,
        frame: ObjRef,
        line: u32,
        /// Byte range of the failing expression, for the caret line.
        span: (u32, u32),
    },
    /// A weak reference: `target` is not counted; NULL once the target died.
    WeakRef {
        target: ObjRef,
        callback: ObjRef,
    },
    /// `weakref.finalize(obj, func, *args)`; `weakref` is not counted (the registry holds it).
    Finalizer {
        weakref: ObjRef,
        func: ObjRef,
        args: ObjRef,
        /// Keyword arguments (a dict), or NULL.
        kwargs: ObjRef,
        alive: bool,
        atexit: bool,
    },
    /// `super()` bound to a class and an instance.
    Super {
        class: ObjRef,
        this: ObjRef,
    },
}

/// Type identities, named as Python names them.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum TypeTag {
    Free,
    NoneType,
    NotImplementedType,
    Bool,
    Int,
    Float,
    Str,
    List,
    Tuple,
    Dict,
    Set,
    FrozenSet,
    Slice,
    Range,
    ListIter,
    TupleIter,
    StrIter,
    RangeIter,
    ReversedIter,
    DictKeyIter,
    DictValueIter,
    DictItemIter,
    SetIter,
    Enumerate,
    Zip,
    DictKeys,
    DictValues,
    DictItems,
    Module,
    BuiltinFunction,
    Code,
    Function,
    Cell,
    Method,
    Type,
    Object,
    Descr,
    Generator,
    Frame,
    Traceback,
    WeakRef,
    Finalizer,
    Super,
}

impl TypeTag {
    /// The built-in types made at start-up besides `object` and `bool` (which
    /// need their bases first).
    pub const BUILTIN_TYPES: &'static [TypeTag] = &[
        TypeTag::Type,
        TypeTag::NoneType,
        TypeTag::NotImplementedType,
        TypeTag::Int,
        TypeTag::Float,
        TypeTag::Str,
        TypeTag::List,
        TypeTag::Tuple,
        TypeTag::Dict,
        TypeTag::Set,
        TypeTag::FrozenSet,
        TypeTag::Slice,
        TypeTag::Range,
        TypeTag::ListIter,
        TypeTag::TupleIter,
        TypeTag::StrIter,
        TypeTag::RangeIter,
        TypeTag::ReversedIter,
        TypeTag::DictKeyIter,
        TypeTag::DictValueIter,
        TypeTag::DictItemIter,
        TypeTag::SetIter,
        TypeTag::Enumerate,
        TypeTag::Zip,
        TypeTag::DictKeys,
        TypeTag::DictValues,
        TypeTag::DictItems,
        TypeTag::Module,
        TypeTag::BuiltinFunction,
        TypeTag::Code,
        TypeTag::Function,
        TypeTag::Cell,
        TypeTag::Method,
        TypeTag::Descr,
        TypeTag::Generator,
        TypeTag::Frame,
        TypeTag::Traceback,
        TypeTag::WeakRef,
        TypeTag::Finalizer,
        TypeTag::Super,
    ];

    pub fn name(self) -> &'static str {
        match self {
            TypeTag::Free => "<freed>",
            TypeTag::NoneType => "NoneType",
            TypeTag::NotImplementedType => "NotImplementedType",
            TypeTag::Bool => "bool",
            TypeTag::Int => "int",
            TypeTag::Float => "float",
            TypeTag::Str => "str",
            TypeTag::List => "list",
            TypeTag::Tuple => "tuple",
            TypeTag::Dict => "dict",
            TypeTag::Set => "set",
            TypeTag::FrozenSet => "frozenset",
            TypeTag::Slice => "slice",
            TypeTag::Range => "range",
            TypeTag::ListIter => "list_iterator",
            TypeTag::TupleIter => "tuple_iterator",
            TypeTag::StrIter => "str_ascii_iterator",
            TypeTag::RangeIter => "range_iterator",
            TypeTag::ReversedIter => "list_reverseiterator",
            TypeTag::DictKeyIter => "dict_keyiterator",
            TypeTag::DictValueIter => "dict_valueiterator",
            TypeTag::DictItemIter => "dict_itemiterator",
            TypeTag::SetIter => "set_iterator",
            TypeTag::Enumerate => "enumerate",
            TypeTag::Zip => "zip",
            TypeTag::DictKeys => "dict_keys",
            TypeTag::DictValues => "dict_values",
            TypeTag::DictItems => "dict_items",
            TypeTag::Module => "module",
            TypeTag::BuiltinFunction => "builtin_function_or_method",
            TypeTag::Code => "code",
            TypeTag::Function => "function",
            TypeTag::Cell => "cell",
            TypeTag::Method => "method",
            TypeTag::Type => "type",
            TypeTag::Object => "object",
            TypeTag::Descr => "getset_descriptor",
            TypeTag::Generator => "generator",
            TypeTag::Frame => "frame",
            TypeTag::Traceback => "traceback",
            TypeTag::WeakRef => "weakref.ReferenceType",
            TypeTag::Finalizer => "finalize",
            TypeTag::Super => "super",
        }
    }

    /// Objects of these types take part in cycle collection (CPython's Py_TPFLAGS_HAVE_GC).
    pub fn is_gc(self) -> bool {
        !matches!(
            self,
            TypeTag::Free
                | TypeTag::NoneType
                | TypeTag::NotImplementedType
                | TypeTag::Bool
                | TypeTag::Int
                | TypeTag::Float
                | TypeTag::Str
                | TypeTag::Range
                | TypeTag::RangeIter
                | TypeTag::Code
                | TypeTag::Slice
        )
    }
}

impl Obj {
    pub fn tag(&self) -> TypeTag {
        match self {
            Obj::Free { .. } => TypeTag::Free,
            Obj::None => TypeTag::NoneType,
            Obj::NotImplemented => TypeTag::NotImplementedType,
            Obj::Bool(_) => TypeTag::Bool,
            Obj::Int(_) | Obj::Big(_) => TypeTag::Int,
            Obj::Float(_) => TypeTag::Float,
            Obj::Str(_) => TypeTag::Str,
            Obj::List(_) => TypeTag::List,
            Obj::Tuple(_) => TypeTag::Tuple,
            Obj::Dict(_) => TypeTag::Dict,
            Obj::Set(t) if t.frozen => TypeTag::FrozenSet,
            Obj::Set(_) => TypeTag::Set,
            Obj::Slice { .. } => TypeTag::Slice,
            Obj::Range { .. } => TypeTag::Range,
            Obj::Iter(it) => match &**it {
                IterState::Seq { tag, .. } => *tag,
                IterState::Reversed { .. } => TypeTag::ReversedIter,
                IterState::Range { .. } => TypeTag::RangeIter,
                IterState::Dict { kind: DictViewKind::Keys, .. } => TypeTag::DictKeyIter,
                IterState::Dict { kind: DictViewKind::Values, .. } => TypeTag::DictValueIter,
                IterState::Dict { kind: DictViewKind::Items, .. } => TypeTag::DictItemIter,
                IterState::Set { .. } => TypeTag::SetIter,
                IterState::Enumerate { .. } => TypeTag::Enumerate,
                IterState::Zip { .. } => TypeTag::Zip,
            },
            Obj::DictView { kind: DictViewKind::Keys, .. } => TypeTag::DictKeys,
            Obj::DictView { kind: DictViewKind::Values, .. } => TypeTag::DictValues,
            Obj::DictView { kind: DictViewKind::Items, .. } => TypeTag::DictItems,
            Obj::Module { .. } => TypeTag::Module,
            Obj::Builtin { .. } => TypeTag::BuiltinFunction,
            Obj::Code(..) => TypeTag::Code,
            Obj::Function(_) => TypeTag::Function,
            Obj::Cell(_) => TypeTag::Cell,
            Obj::Method { .. } => TypeTag::Method,
            Obj::Type(_) => TypeTag::Type,
            Obj::Instance(_) => TypeTag::Object,
            Obj::Descr { .. } => TypeTag::Descr,
            Obj::Generator(_) => TypeTag::Generator,
            Obj::Frame(_) => TypeTag::Frame,
            Obj::Traceback { .. } => TypeTag::Traceback,
            Obj::WeakRef { .. } => TypeTag::WeakRef,
            Obj::Finalizer { .. } => TypeTag::Finalizer,
            Obj::Super { .. } => TypeTag::Super,
        }
    }

    /// The strong references this object holds, in CPython's tp_traverse order.
    pub fn referents(&self, out: &mut Vec<ObjRef>) {
        let mut push = |r: ObjRef| {
            if !r.is_null() {
                out.push(r)
            }
        };
        match self {
            // list and tuple traverse last to first
            Obj::List(v) => v.iter().rev().for_each(|&r| push(r)),
            Obj::Tuple(v) => v.iter().rev().for_each(|&r| push(r)),
            // dict_traverse: each value, then its key unless every key is a str
            Obj::Dict(d) if !d.embedded.is_null() => {}
            Obj::Dict(d) => {
                let str_keys = d.entries().all(|e| matches!(e.k, crate::dict::Key::Str(_)));
                for e in d.entries() {
                    push(e.value);
                    if !str_keys {
                        push(e.key);
                    }
                }
            }
            Obj::Set(d) => d.iter().for_each(|(k, _)| push(k)),
            Obj::Slice { start, stop, step } => {
                push(*start);
                push(*stop);
                push(*step);
            }
            Obj::Iter(it) => match &**it {
                IterState::Seq { seq, .. } | IterState::Reversed { seq, .. } => push(*seq),
                IterState::Dict { dict, .. } => push(*dict),
                IterState::Set { set, .. } => push(*set),
                IterState::Enumerate { iter, .. } => push(*iter),
                IterState::Zip { iters } => iters.iter().for_each(|&r| push(r)),
                IterState::Range { .. } => {}
            },
            Obj::DictView { dict, .. } => push(*dict),
            Obj::Module { dict, .. } => push(*dict),
            Obj::Builtin { this, .. } => push(*this),
            Obj::Code(_, consts) => consts.iter().for_each(|&r| push(r)),
            Obj::Function(f) => {
                push(f.code_obj);
                push(f.globals);
                push(f.defaults);
                push(f.kwdefaults);
                push(f.dict);
                push(f.closure);
            }
            Obj::Cell(v) => push(*v),
            Obj::Method { func, this } => {
                push(*func);
                push(*this);
            }
            Obj::Type(t) => {
                push(t.dict);
                push(t.base);
                push(t.bases);
                push(t.mro);
            }
            Obj::Instance(i) => {
                for (_, v) in &i.attrs {
                    push(*v);
                }
                if !i.dict_embedded {
                    push(i.dict);
                }
                if let Some(e) = &i.exc {
                    push(e.value);
                    push(e.args);
                    push(e.traceback);
                    push(e.context);
                    push(e.cause);
                }
                push(i.class);
            }
            Obj::Descr { owner, .. } => push(*owner),
            Obj::Generator(g) => {
                if let Some(f) = &g.frame {
                    push(f.frame_obj);
                    f.values.iter().for_each(|&r| push(r));
                    push(f.func);
                }
                push(g.exc_state);
            }
            Obj::Frame(f) => {
                push(f.back);
                f.locals.iter().for_each(|&r| push(r));
                push(f.func);
            }
            Obj::Traceback { next, frame, .. } => {
                push(*next);
                push(*frame);
            }
            Obj::WeakRef { callback, .. } => push(*callback),
            Obj::Finalizer { func, args, kwargs, .. } => {
                push(*func);
                push(*args);
                push(*kwargs);
            }
            Obj::Super { class, this } => {
                push(*class);
                push(*this);
            }
            _ => {}
        }
    }
}
