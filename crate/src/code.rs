//! The compact compiled form: CPython-like bytecode over a value stack.
//!
//! The AST is compiled once; the interpreter never walks it. Instructions
//! mirror CPython 3.13's where the difference shows in reference counts
//! (which references sit on the value stack, and when they are dropped).

use crate::heap::ObjRef;
use std::cell::Cell;
use std::rc::Rc;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    TrueDiv,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    And,
    Or,
    Xor,
}

impl BinOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::TrueDiv => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "** or pow()",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
            BinOp::And => "&",
            BinOp::Or => "|",
            BinOp::Xor => "^",
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CmpOp {
    Lt,
    Le,
    Eq,
    Ne,
    Gt,
    Ge,
}

impl CmpOp {
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum UnOp {
    Neg,
    Pos,
    Not,
    Invert,
}

/// One instruction. Operands index the code object's `consts` or `names`,
/// a local slot, or a jump target (an instruction index).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Op {
    /// A statement starts here: a step boundary in the trace.
    Stmt,
    Nop,
    LoadConst(u32),
    /// Name ops: the frame's locals mapping (module or class namespace), then globals, then builtins.
    LoadName(u32),
    StoreName(u32),
    DeleteName(u32),
    LoadGlobal(u32),
    StoreGlobal(u32),
    DeleteGlobal(u32),
    LoadFast(u32),
    StoreFast(u32),
    DeleteFast(u32),
    /// Push a fast local's value (or NULL) and clear the slot: an inlined comprehension saves a name.
    LoadFastAndClear(u32),
    /// Cell and free variables: index into the frame's cells (cellvars then freevars).
    LoadDeref(u32),
    StoreDeref(u32),
    DeleteDeref(u32),
    /// Push the cell object itself (to build a closure).
    LoadClosure(u32),
    /// Put a new cell holding the content of a cell's slot in the slot: an
    /// inlined comprehension's fresh cell for a captured name.
    MakeCell(u32),
    /// Attribute load; pushes the attribute.
    LoadAttr(u32),
    /// Method load for a call: pushes (callable, self) or (attribute, NULL).
    LoadMethod(u32),
    StoreAttr(u32),
    DeleteAttr(u32),
    BinarySubscr,
    StoreSubscr,
    DeleteSubscr,
    /// container, start, stop → container[start:stop] (no slice object, as 3.12+)
    BinarySlice,
    /// value, container, start, stop → container[start:stop] = value
    StoreSlice,
    BuildSlice(u32),
    Binary(BinOp),
    InplaceBinary(BinOp),
    Unary(UnOp),
    Compare(CmpOp),
    Is(bool),
    Contains(bool),
    BuildList(u32),
    BuildTuple(u32),
    BuildSet(u32),
    BuildMap(u32),
    /// Comprehension and display helpers: the target container is n deep under the value(s).
    ListAppend(u32),
    SetAdd(u32),
    MapAdd(u32),
    ListExtend(u32),
    SetUpdate(u32),
    DictUpdate(u32),
    /// DICT_MERGE: `**` into a call's keyword dict (a mapping, no key twice).
    DictMerge,
    ListToTuple,
    /// A call's lone `*x`: x as the arguments tuple (CALL_FUNCTION_EX's own check).
    StarArgs,
    /// f-strings: format the value (conversion: 0 none, 1 str, 2 repr, 3 ascii; spec on the stack if set).
    FormatValue(u8, bool),
    BuildString(u32),
    /// Call with n arguments: stack is [callable, self_or_null, args...].
    Call(u32),
    /// As Call; const k names the trailing keyword arguments (a tuple of str).
    CallKw(u32, u32),
    /// [callable, self_or_null, args tuple, kwargs dict (if flag)]
    CallEx(bool),
    PopTop,
    /// CPython's PUSH_NULL: the empty self slot of a plain call.
    PushNull,
    /// Push a new reference to the item n deep (1 = top).
    Copy(u32),
    Swap(u32),
    Jump(u32),
    PopJumpIfFalse(u32),
    PopJumpIfTrue(u32),
    PopJumpIfNone(u32),
    PopJumpIfNotNone(u32),
    /// For `and`/`or`: jump keeping the value if its truth is the given one, else pop it.
    JumpIfOrPop(bool, u32),
    GetIter,
    /// Push the next item, or pop the iterator and jump when exhausted.
    ForIter(u32),
    ReturnValue,
    /// Generators: yield the top of the stack; the value sent in replaces it.
    YieldValue,
    /// At the start of a generator's code: the frame is suspended before running.
    ReturnGenerator,
    ImportName(u32),
    /// Build a function from the code object on top, and below it (each if flagged):
    /// closure tuple, keyword-only defaults dict, defaults tuple.
    MakeFunction {
        defaults: bool,
        kwdefaults: bool,
        closure: bool,
    },
    LoadBuildClass,
    UnpackSequence(u32),
    /// Starred unpacking: (before, after) the starred target.
    UnpackEx(u32, u32),
    /// Raise: 0 re-raises the current exception, 1 raises TOS, 2 raises TOS1 from TOS.
    Raise(u32),
    /// Re-raise TOS (an exception); used by handler cleanup.
    Reraise,
    /// [exc] → [previous exc, exc]: the exception being handled becomes current.
    PushExcInfo,
    /// [previous exc] → []: restore the exception being handled before.
    PopExcept,
    /// [exc, type] → [exc, bool]
    CheckExcMatch,
    LoadAssertionError,
}

/// Where an exception raised inside a range of instructions goes.
#[derive(Clone, Copy, Debug)]
pub struct Handler {
    pub target: u32,
    /// Value-stack depth (above the locals) to unwind to before pushing the exception.
    pub depth: u32,
}

/// What a global name lookup found, valid while the dict keeps the layout
/// version it was found under (`Dict::layout`): CPython's LOAD_GLOBAL cache.
#[derive(Clone, Copy, Debug, Default)]
pub enum NameCache {
    #[default]
    Empty,
    /// In the dict, at this entry position.
    At { layout: u64, pos: u32 },
    /// Not in the dict: this built-in.
    Builtin { layout: u64, obj: ObjRef },
}

/// A code object: what `compile()` makes of a module or a function body.
pub struct Code {
    pub name: Rc<str>,
    pub ops: Vec<Op>,
    /// Source line of each instruction (1-based).
    pub lines: Vec<u32>,
    /// Source byte range of each instruction, for tracebacks and highlights.
    pub spans: Vec<(u32, u32)>,
    pub consts: Vec<Const>,
    pub names: Vec<Rc<str>>,
    /// Per name: where the last module-level lookup found it (see `NameCache`).
    pub name_cache: Box<[Cell<NameCache>]>,
    /// Per instruction: a call that has run once (CPython specializes some
    /// calls on their second run; `Vm::specialized_call`).
    pub warm_calls: Box<[Cell<bool>]>,
    /// Local variable names (parameters first); module code has hidden
    /// comprehension variables here.
    pub varnames: Vec<Rc<str>>,
    pub cellvars: Vec<Rc<str>>,
    pub freevars: Vec<Rc<str>>,
    /// For each cell variable that is a parameter, its parameter slot.
    pub cell2arg: Vec<Option<u32>>,
    /// Handler index per instruction (u32::MAX: none), into `handlers`.
    pub handler_of: Vec<u32>,
    pub handlers: Vec<Handler>,
    pub argcount: u32,
    pub posonly: u32,
    pub kwonly: u32,
    pub varargs: bool,
    pub varkw: bool,
    pub is_generator: bool,
    pub qualname: Rc<str>,
    pub is_module: bool,
    /// A class body: names go to the class namespace.
    pub is_class: bool,
    pub first_line: u32,
}

/// A compile-time constant; the interpreter materialises it as a heap object.
#[derive(Clone)]
pub enum Const {
    None,
    Bool(bool),
    Int(i64),
    Big(Rc<str>),
    Float(f64),
    Str(Rc<str>),
    Tuple(Rc<[Const]>),
    FrozenSet(Rc<[Const]>),
    Code(Rc<Code>),
}

impl Const {
    /// Same constant for deduplication (1 and 1.0 and True stay distinct, as in co_consts).
    pub fn same(&self, other: &Const) -> bool {
        match (self, other) {
            (Const::None, Const::None) => true,
            (Const::Bool(x), Const::Bool(y)) => x == y,
            (Const::Int(x), Const::Int(y)) => x == y,
            (Const::Float(x), Const::Float(y)) => x.to_bits() == y.to_bits(),
            (Const::Str(x), Const::Str(y)) => x == y,
            (Const::Big(x), Const::Big(y)) => x == y,
            (Const::Tuple(x), Const::Tuple(y)) | (Const::FrozenSet(x), Const::FrozenSet(y)) => {
                x.len() == y.len() && x.iter().zip(y.iter()).all(|(a, b)| a.same(b))
            }
            _ => false,
        }
    }
}
