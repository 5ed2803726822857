//! Object payloads. Every Python value is a heap object with a refcount,
//! as in CPython: ints and strs included, so counts come out the same.

use crate::code::Code;
use crate::dict::Dict;
use crate::heap::ObjRef;
use num_bigint::BigInt;
use std::rc::Rc;

/// The built-in functions and methods the interpreter provides.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Builtin {
    Print,
    Len,
    Id,
    Repr,
    Range,
    SysGetrefcount,
    GcCollect,
    GcGetCount,
    GcGetThreshold,
    GcSetThreshold,
    GcIsTracked,
    GcEnable,
    GcDisable,
    GcIsEnabled,
    ListAppend,
    ListPop,
    DictGet,
}

impl Builtin {
    pub fn name(self) -> &'static str {
        match self {
            Builtin::Print => "print",
            Builtin::Len => "len",
            Builtin::Id => "id",
            Builtin::Repr => "repr",
            Builtin::Range => "range",
            Builtin::SysGetrefcount => "getrefcount",
            Builtin::GcCollect => "collect",
            Builtin::GcGetCount => "get_count",
            Builtin::GcGetThreshold => "get_threshold",
            Builtin::GcSetThreshold => "set_threshold",
            Builtin::GcIsTracked => "is_tracked",
            Builtin::GcEnable => "enable",
            Builtin::GcDisable => "disable",
            Builtin::GcIsEnabled => "isenabled",
            Builtin::ListAppend => "append",
            Builtin::ListPop => "pop",
            Builtin::DictGet => "get",
        }
    }
}

/// A Python function object.
pub struct Function {
    pub code: Rc<Code>,
    pub code_obj: ObjRef,
    pub globals: ObjRef,
    pub name: Rc<str>,
    /// The `__defaults__` tuple, or NULL.
    pub defaults: ObjRef,
}

pub enum Obj {
    /// A slot on the free list.
    Free {
        next: u32,
    },
    None,
    Bool(bool),
    Int(i64),
    Big(Box<BigInt>),
    Float(f64),
    Str(Rc<str>),
    List(Vec<ObjRef>),
    Tuple(Box<[ObjRef]>),
    Dict(Box<Dict>),
    Range {
        start: i64,
        stop: i64,
        step: i64,
    },
    RangeIter {
        next: i64,
        stop: i64,
        step: i64,
    },
    ListIter {
        list: ObjRef,
        index: usize,
    },
    TupleIter {
        tuple: ObjRef,
        index: usize,
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
}

/// Type identities, named as Python names them.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum TypeTag {
    Free,
    NoneType,
    Bool,
    Int,
    Float,
    Str,
    List,
    Tuple,
    Dict,
    Range,
    RangeIter,
    ListIter,
    TupleIter,
    Module,
    BuiltinFunction,
    Code,
    Function,
}

impl TypeTag {
    pub fn name(self) -> &'static str {
        match self {
            TypeTag::Free => "<freed>",
            TypeTag::NoneType => "NoneType",
            TypeTag::Bool => "bool",
            TypeTag::Int => "int",
            TypeTag::Float => "float",
            TypeTag::Str => "str",
            TypeTag::List => "list",
            TypeTag::Tuple => "tuple",
            TypeTag::Dict => "dict",
            TypeTag::Range => "range",
            TypeTag::RangeIter => "range_iterator",
            TypeTag::ListIter => "list_iterator",
            TypeTag::TupleIter => "tuple_iterator",
            TypeTag::Module => "module",
            TypeTag::BuiltinFunction => "builtin_function_or_method",
            TypeTag::Code => "code",
            TypeTag::Function => "function",
        }
    }

    /// Objects of these types take part in cycle collection (CPython's Py_TPFLAGS_HAVE_GC).
    pub fn is_gc(self) -> bool {
        matches!(
            self,
            TypeTag::List
                | TypeTag::Tuple
                | TypeTag::Dict
                | TypeTag::ListIter
                | TypeTag::TupleIter
                | TypeTag::Module
                | TypeTag::BuiltinFunction
                | TypeTag::Function
        )
    }
}

impl Obj {
    pub fn tag(&self) -> TypeTag {
        match self {
            Obj::Free { .. } => TypeTag::Free,
            Obj::None => TypeTag::NoneType,
            Obj::Bool(_) => TypeTag::Bool,
            Obj::Int(_) | Obj::Big(_) => TypeTag::Int,
            Obj::Float(_) => TypeTag::Float,
            Obj::Str(_) => TypeTag::Str,
            Obj::List(_) => TypeTag::List,
            Obj::Tuple(_) => TypeTag::Tuple,
            Obj::Dict(_) => TypeTag::Dict,
            Obj::Range { .. } => TypeTag::Range,
            Obj::RangeIter { .. } => TypeTag::RangeIter,
            Obj::ListIter { .. } => TypeTag::ListIter,
            Obj::TupleIter { .. } => TypeTag::TupleIter,
            Obj::Module { .. } => TypeTag::Module,
            Obj::Builtin { .. } => TypeTag::BuiltinFunction,
            Obj::Code(..) => TypeTag::Code,
            Obj::Function(_) => TypeTag::Function,
        }
    }

    /// The strong references this object holds, in CPython's tp_traverse order.
    pub fn referents(&self, out: &mut Vec<ObjRef>) {
        match self {
            Obj::List(v) => out.extend_from_slice(v),
            Obj::Tuple(v) => out.extend_from_slice(v),
            Obj::Dict(d) => {
                for (k, v) in d.iter() {
                    out.push(k);
                    out.push(v);
                }
            }
            Obj::ListIter { list, .. } if !list.is_null() => out.push(*list),
            Obj::TupleIter { tuple, .. } if !tuple.is_null() => out.push(*tuple),
            Obj::Module { dict, .. } => out.push(*dict),
            Obj::Builtin { this, .. } if !this.is_null() => out.push(*this),
            Obj::Function(f) => {
                out.push(f.code_obj);
                out.push(f.globals);
                if !f.defaults.is_null() {
                    out.push(f.defaults);
                }
            }
            _ => {}
        }
    }
}
