//! The compact compiled form: CPython-like bytecode over a value stack.
//!
//! The AST is compiled once; the interpreter never walks it. Instructions
//! mirror CPython 3.13's where the difference shows in reference counts
//! (which references sit on the value stack, and when they are dropped).

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
    LoadConst(u32),
    LoadName(u32),
    StoreName(u32),
    DeleteName(u32),
    LoadGlobal(u32),
    StoreGlobal(u32),
    DeleteGlobal(u32),
    LoadFast(u32),
    StoreFast(u32),
    DeleteFast(u32),
    /// Attribute load; pushes the attribute.
    LoadAttr(u32),
    /// Method load for a call: pushes (callable, self) or (NULL, attribute).
    LoadMethod(u32),
    StoreAttr(u32),
    DeleteAttr(u32),
    BinarySubscr,
    StoreSubscr,
    DeleteSubscr,
    Binary(BinOp),
    InplaceBinary(BinOp),
    Unary(UnOp),
    Compare(CmpOp),
    Is(bool),
    Contains(bool),
    BuildList(u32),
    BuildTuple(u32),
    BuildMap(u32),
    /// Call with n positional arguments: stack is [callable, self_or_null, args...].
    Call(u32),
    /// As Call, the last const names the keyword arguments (a tuple of str).
    CallKw(u32, u32),
    PopTop,
    /// CPython's PUSH_NULL: the empty self slot of a plain call.
    PushNull,
    /// Push a new reference to the item n deep (1 = top).
    Copy(u32),
    Swap(u32),
    Jump(u32),
    PopJumpIfFalse(u32),
    PopJumpIfTrue(u32),
    /// For `and`/`or`: jump keeping the value if its truth is the given one, else pop it.
    JumpIfOrPop(bool, u32),
    GetIter,
    /// Push the next item, or pop the iterator and jump when exhausted.
    ForIter(u32),
    ReturnValue,
    ImportName(u32),
    /// Pops code object and defaults tuple (if flag) and pushes a function.
    MakeFunction {
        defaults: bool,
    },
    UnpackSequence(u32),
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
    /// Local variable names (parameters first); empty for module code.
    pub varnames: Vec<Rc<str>>,
    pub argcount: u32,
    pub is_module: bool,
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
    Code(Rc<Code>),
}
