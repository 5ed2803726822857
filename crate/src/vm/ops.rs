//! Operations on values: arithmetic, comparison, truth, repr, items, iteration.

use super::{unicode, PyErr, Vm};
use crate::code::{BinOp, CmpOp, UnOp};
use crate::dict::{Key, SetTable};
use crate::heap::ObjRef;
use crate::object::DictViewKind;
use crate::object::Obj;
use crate::profile::Python;
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

/// Longest repr recorded in the trace for one object.
const SHORT_REPR: usize = 60;

/// Cut a repr to what a card can show.
pub fn short(s: &str) -> String {
    if s.chars().count() <= SHORT_REPR {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(SHORT_REPR - 1).collect();
        out.push('…');
        out
    }
}

pub fn parse_big(s: &str) -> BigInt {
    let t = s.replace('_', "");
    let (digits, radix) = match t.get(..2).map(|p| p.to_ascii_lowercase()) {
        Some(p) if p == "0x" => (&t[2..], 16),
        Some(p) if p == "0o" => (&t[2..], 8),
        Some(p) if p == "0b" => (&t[2..], 2),
        _ => (&t[..], 10),
    };
    BigInt::parse_bytes(digits.as_bytes(), radix).unwrap_or_default()
}

/// Python's float repr: the shortest string that round-trips.
pub fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0.0".into() } else { "0.0".into() };
    }
    // Rust's `{:e}` gives the shortest round-trip digits; lay them out as Python does.
    let e = format!("{:e}", f);
    let (mant, exp) = e.split_once('e').expect("exponent");
    let exp: i32 = exp.parse().expect("exponent digits");
    let neg = mant.starts_with('-');
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let sign = if neg { "-" } else { "" };
    if (-4..16).contains(&exp) {
        let point = exp + 1;
        let s = if point <= 0 {
            format!("0.{}{}", "0".repeat((-point) as usize), digits)
        } else if point as usize >= digits.len() {
            format!("{}{}.0", digits, "0".repeat(point as usize - digits.len()))
        } else {
            format!("{}.{}", &digits[..point as usize], &digits[point as usize..])
        };
        format!("{sign}{s}")
    } else {
        let m = if digits.len() == 1 { digits.clone() } else { format!("{}.{}", &digits[..1], &digits[1..]) };
        format!("{sign}{m}e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs())
    }
}

/// Python's str repr: single quotes unless the text has them and no double
/// ones; what is not printable (as `py`'s Unicode has it) escaped.
pub fn str_repr(s: &str, py: Python) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (' '..'\x7f').contains(&c) || (!c.is_ascii() && unicode::is_printable(c, py)) => out.push(c),
            c if (c as u32) < 0x100 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push(quote);
    out
}

enum Num {
    Int(BigInt),
    Float(f64),
}

impl Vm {
    pub fn int_from_big(&mut self, v: BigInt) -> ObjRef {
        match v.to_i64() {
            Some(i) => self.int(i),
            None => self.alloc(Obj::Big(Box::new(v))),
        }
    }

    fn num(&self, r: ObjRef) -> Option<Num> {
        match self.heap.get(r) {
            Obj::Int(i) => Some(Num::Int(BigInt::from(*i))),
            Obj::Big(b) => Some(Num::Int((**b).clone())),
            Obj::Bool(b) => Some(Num::Int(BigInt::from(*b as i64))),
            Obj::Float(f) => Some(Num::Float(*f)),
            _ => None,
        }
    }

    fn small(&self, r: ObjRef) -> Option<i64> {
        match self.heap.get(r) {
            Obj::Int(i) => Some(*i),
            Obj::Bool(b) => Some(*b as i64),
            _ => None,
        }
    }

    pub fn index_of(&self, r: ObjRef) -> Option<i64> {
        match self.heap.get(r) {
            Obj::Int(i) => Some(*i),
            Obj::Bool(b) => Some(*b as i64),
            Obj::Big(_) => Some(i64::MAX),
            _ => None,
        }
    }

    pub fn binary(&mut self, op: BinOp, a: ObjRef, b: ObjRef, inplace: bool) -> Result<ObjRef, PyErr> {
        if matches!(self.heap.get(a), Obj::Instance(_)) || matches!(self.heap.get(b), Obj::Instance(_)) {
            let (m, r) = dunder(op);
            let first = if inplace { format!("__i{}", &m[2..]) } else { m.to_string() };
            let mut tries: Vec<(ObjRef, ObjRef, String)> = vec![(a, b, first)];
            if inplace {
                tries.push((a, b, m.to_string()));
            }
            tries.push((b, a, r.to_string()));
            for (x, y, name) in tries {
                if let Some(res) = self.call_special(x, &name, &[y]) {
                    let res = res?;
                    if res != self.not_implemented {
                        return Ok(res);
                    }
                    self.decref(res);
                }
            }
        }
        // in-place list concatenation mutates the list
        if inplace && op == BinOp::Add {
            if let Obj::List(_) = self.heap.get(a) {
                self.list_extend(a, b)?;
                self.incref(a);
                return Ok(a);
            }
        }
        // Fast path: small ints without bignum allocation.
        if let (Some(x), Some(y)) = (self.small(a), self.small(b)) {
            let r = match op {
                BinOp::Add => x.checked_add(y),
                BinOp::Sub => x.checked_sub(y),
                BinOp::Mul => x.checked_mul(y),
                BinOp::FloorDiv if y != 0 => {
                    x.checked_div(y).map(|q| if x % y != 0 && ((x < 0) != (y < 0)) { q - 1 } else { q })
                }
                BinOp::Mod if y != 0 => {
                    let m = x % y;
                    Some(if m != 0 && ((m < 0) != (y < 0)) { m + y } else { m })
                }
                BinOp::And => Some(x & y),
                BinOp::Or => Some(x | y),
                BinOp::Xor => Some(x ^ y),
                _ => None,
            };
            if let Some(v) = r {
                if !(matches!(op, BinOp::And | BinOp::Or | BinOp::Xor)
                    && matches!(self.heap.get(a), Obj::Bool(_))
                    && matches!(self.heap.get(b), Obj::Bool(_)))
                {
                    return Ok(self.int(v));
                }
                return Ok(self.bool(v != 0));
            }
        }
        match (self.heap.get(a), self.heap.get(b)) {
            (Obj::Str(x), Obj::Str(y)) if op == BinOp::Add => {
                if x.len() + y.len() > MAX_STR_BYTES {
                    return Err(PyErr::new("MemoryError", String::new()));
                }
                let s = format!("{x}{y}");
                return Ok(self.str(&s));
            }
            (Obj::Str(_), _) | (Obj::List(_), _) | (Obj::Tuple(_), _)
                if op == BinOp::Mul && self.index_of(b).is_some() && !matches!(self.heap.get(b), Obj::Big(_)) =>
            {
                let n = self.index_of(b).unwrap_or(0).max(0) as usize;
                return self.repeat(a, n);
            }
            (_, Obj::Str(_)) | (_, Obj::List(_)) | (_, Obj::Tuple(_))
                if op == BinOp::Mul && self.index_of(a).is_some() && !matches!(self.heap.get(a), Obj::Big(_)) =>
            {
                let n = self.index_of(a).unwrap_or(0).max(0) as usize;
                return self.repeat(b, n);
            }
            (Obj::Str(_), Obj::Big(_)) | (Obj::List(_), Obj::Big(_)) | (Obj::Tuple(_), Obj::Big(_))
                if op == BinOp::Mul =>
            {
                return Err(PyErr::new("OverflowError", "cannot fit 'int' into an index-sized integer".to_string()));
            }
            (Obj::List(x), Obj::List(y)) if op == BinOp::Add => {
                if x.len() + y.len() > MAX_ITEMS {
                    return Err(PyErr::new("MemoryError", String::new()));
                }
                let items: Vec<ObjRef> = x.iter().chain(y.iter()).copied().collect();
                for &i in &items {
                    self.incref(i);
                }
                return Ok(self.new_list(items));
            }
            (Obj::Set(x), Obj::Set(_)) if matches!(op, BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor) => {
                // a frozenset has no in-place operators: `|=` makes a new one
                let inplace = inplace && !x.frozen;
                return self.set_operator(op, a, b, inplace);
            }
            (Obj::DictView { kind: DictViewKind::Keys | DictViewKind::Items, .. }, _)
            | (_, Obj::DictView { kind: DictViewKind::Keys | DictViewKind::Items, .. })
                if matches!(op, BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor) =>
            {
                return self.view_set_operator(op, a, b);
            }
            (Obj::Dict(_), Obj::Dict(_)) if op == BinOp::Or => {
                let d = if inplace {
                    self.incref(a);
                    a
                } else {
                    let d = self.alloc(Obj::Dict(Box::new(crate::dict::Dict::new())));
                    self.dict_update(d, a)?;
                    d
                };
                self.dict_update(d, b)?;
                return Ok(d);
            }
            (Obj::Str(_), _) if op == BinOp::Mod => {
                return self.percent_format(a, b);
            }
            (Obj::Tuple(x), Obj::Tuple(y)) if op == BinOp::Add => {
                let items: Vec<ObjRef> = x.iter().chain(y.iter()).copied().collect();
                for &i in &items {
                    self.incref(i);
                }
                return Ok(self.new_tuple(items));
            }
            _ => {}
        }
        let (Some(x), Some(y)) = (self.num(a), self.num(b)) else {
            return Err(self.operands_refused(op, a, b, inplace));
        };
        match (x, y) {
            (Num::Int(x), Num::Int(y)) => self.int_binary(op, x, y),
            (x, y) => {
                let f = |n: Num| match n {
                    Num::Int(i) => int_to_float(&i),
                    Num::Float(f) => Ok(f),
                };
                let (x, y) = (f(x)?, f(y)?);
                let v = match op {
                    BinOp::Add => x + y,
                    BinOp::Sub => x - y,
                    BinOp::Mul => x * y,
                    BinOp::TrueDiv => {
                        if y == 0.0 {
                            return Err(PyErr::new("ZeroDivisionError", "float division by zero".into()));
                        }
                        x / y
                    }
                    BinOp::FloorDiv | BinOp::Mod if y == 0.0 => {
                        let m = match op {
                            BinOp::FloorDiv => "float floor division by zero",
                            _ if self.profile.python == crate::profile::Python::P313 => "float modulo by zero",
                            _ => "float modulo",
                        };
                        return Err(PyErr::new("ZeroDivisionError", m.into()));
                    }
                    BinOp::FloorDiv => float_div_mod(x, y).0,
                    BinOp::Mod => float_div_mod(x, y).1,
                    BinOp::Pow => float_pow(x, y)?,
                    _ => return Err(self.operands_refused(op, a, b, inplace)),
                };
                Ok(self.alloc(Obj::Float(v)))
            }
        }
    }

    /// The TypeError when no operand supports the operator (`+=` and the like in place). A
    /// str, list or tuple on the left of `+` refuses in its own concatenation, a sequence on
    /// either side of `*` in its repetition (CPython's `sq_concat` and `sq_repeat`, tried
    /// after the number slots).
    fn operands_refused(&self, op: BinOp, a: ObjRef, b: ObjRef, inplace: bool) -> PyErr {
        let sequence = |r: ObjRef| matches!(self.heap.get(r), Obj::Str(_) | Obj::List(_) | Obj::Tuple(_));
        let (ta, tb) = (self.type_name(a), self.type_name(b));
        PyErr::type_error(match op {
            BinOp::Add if sequence(a) => format!("can only concatenate {ta} (not \"{tb}\") to {ta}"),
            BinOp::Mul if sequence(a) => format!("can't multiply sequence by non-int of type '{tb}'"),
            BinOp::Mul if sequence(b) => format!("can't multiply sequence by non-int of type '{ta}'"),
            _ => format!(
                "unsupported operand type(s) for {}{}: '{ta}' and '{tb}'",
                op.symbol(),
                if inplace { "=" } else { "" }
            ),
        })
    }

    fn int_binary(&mut self, op: BinOp, x: BigInt, y: BigInt) -> Result<ObjRef, PyErr> {
        let v = match op {
            BinOp::Add => x + y,
            BinOp::Sub => x - y,
            BinOp::Mul => x * y,
            BinOp::TrueDiv => {
                let v = int_true_div(&x, &y)?;
                return Ok(self.alloc(Obj::Float(v)));
            }
            BinOp::FloorDiv | BinOp::Mod => {
                if y.is_zero() {
                    let msg =
                        if op == BinOp::Mod { "integer modulo by zero" } else { "integer division or modulo by zero" };
                    return Err(PyErr::new("ZeroDivisionError", msg.into()));
                }
                let q = num_integer_floor_div(&x, &y);
                if op == BinOp::FloorDiv {
                    q
                } else {
                    x - q * y
                }
            }
            BinOp::Pow => {
                if y.is_negative() {
                    // a negative exponent: float_pow of both as floats
                    let v = float_pow(int_to_float(&x)?, int_to_float(&y)?)?;
                    return Ok(self.alloc(Obj::Float(v)));
                }
                let e = y.to_u32().ok_or_else(|| PyErr::new("MemoryError", String::new()))?;
                if x.bits() * e as u64 > 1_000_000 {
                    return Err(PyErr::new("MemoryError", String::new()));
                }
                num_traits::pow(x, e as usize)
            }
            BinOp::LShift => {
                let s = y.to_u32().ok_or_else(|| PyErr::new("ValueError", "negative shift count".into()))?;
                if s > 1_000_000 {
                    return Err(PyErr::new("MemoryError", String::new()));
                }
                x << s
            }
            BinOp::RShift => {
                if y.is_negative() {
                    return Err(PyErr::new("ValueError", "negative shift count".into()));
                }
                x >> y.to_u32().unwrap_or(u32::MAX).min(1 << 20)
            }
            BinOp::And => x & y,
            BinOp::Or => x | y,
            BinOp::Xor => x ^ y,
        };
        Ok(self.int_from_big(v))
    }

    pub fn unary(&mut self, op: UnOp, v: ObjRef) -> Result<ObjRef, PyErr> {
        if op == UnOp::Not {
            let t = self.truthy(v)?;
            return Ok(self.bool(!t));
        }
        match (op, self.num(v)) {
            (UnOp::Neg, Some(Num::Int(i))) => Ok(self.int_from_big(-i)),
            (UnOp::Pos, Some(Num::Int(i))) => Ok(self.int_from_big(i)),
            (UnOp::Invert, Some(Num::Int(i))) => Ok(self.int_from_big(-i - 1)),
            (UnOp::Neg, Some(Num::Float(f))) => Ok(self.alloc(Obj::Float(-f))),
            (UnOp::Pos, Some(Num::Float(f))) => Ok(self.alloc(Obj::Float(f))),
            _ => {
                let (sym, name) = match op {
                    UnOp::Neg => ("-", "__neg__"),
                    UnOp::Pos => ("+", "__pos__"),
                    _ => ("~", "__invert__"),
                };
                if let Some(r) = self.call_special(v, name, &[]) {
                    return r;
                }
                Err(PyErr::type_error(format!("bad operand type for unary {sym}: '{}'", self.type_name(v))))
            }
        }
    }

    pub fn truthy(&mut self, v: ObjRef) -> Result<bool, PyErr> {
        Ok(match self.heap.get(v) {
            Obj::None => false,
            Obj::Bool(b) => *b,
            Obj::Int(i) => *i != 0,
            Obj::Big(b) => !b.is_zero(),
            Obj::Float(f) => *f != 0.0,
            Obj::Str(s) => !s.is_empty(),
            Obj::List(l) => !l.is_empty(),
            Obj::Tuple(t) => !t.is_empty(),
            Obj::Dict(d) => !d.is_empty(),
            Obj::Set(d) => !d.is_empty(),
            Obj::Range { start, stop, step } => range_len(*start, *stop, *step) > 0,
            Obj::Instance(_) => {
                if let Some(r) = self.call_special(v, "__bool__", &[]) {
                    let r = r?;
                    let b = matches!(self.heap.get(r), Obj::Bool(true));
                    self.decref(r);
                    return Ok(b);
                }
                if let Some(r) = self.call_special(v, "__len__", &[]) {
                    let r = r?;
                    let n = self.index_of(r).unwrap_or(0);
                    self.decref(r);
                    return Ok(n != 0);
                }
                true
            }
            _ => true,
        })
    }

    pub fn equal(&mut self, a: ObjRef, b: ObjRef) -> Result<bool, PyErr> {
        self.cmp_depth += 1;
        let r = if self.cmp_depth > self.recursion_limit.min(MAX_CMP_DEPTH) {
            Err(PyErr::new("RecursionError", "maximum recursion depth exceeded in comparison".into()))
        } else {
            self.equal_inner(a, b)
        };
        self.cmp_depth -= 1;
        r
    }

    fn equal_inner(&mut self, a: ObjRef, b: ObjRef) -> Result<bool, PyErr> {
        for (x, y) in [(a, b), (b, a)] {
            if let Some(r) = self.call_special(x, "__eq__", &[y]) {
                let r = r?;
                if r != self.not_implemented {
                    let t = self.truthy(r);
                    self.decref(r);
                    return t;
                }
                self.decref(r);
            }
        }
        if a == b {
            return Ok(true);
        }
        if let (Some(x), Some(y)) = (self.num(a), self.num(b)) {
            return Ok(num_cmp(&x, &y) == Some(std::cmp::Ordering::Equal));
        }
        match (self.heap.get(a), self.heap.get(b)) {
            (Obj::Str(x), Obj::Str(y)) => Ok(x == y),
            (Obj::List(x), Obj::List(y)) if x.len() != y.len() => Ok(false),
            (Obj::Tuple(x), Obj::Tuple(y)) if x.len() != y.len() => Ok(false),
            (Obj::List(_), Obj::List(_)) | (Obj::Tuple(_), Obj::Tuple(_)) | (Obj::Slice { .. }, Obj::Slice { .. }) => {
                let (x, y) = (self.compared_items(a), self.compared_items(b));
                for (p, q) in x.into_iter().zip(y) {
                    // PyObject_RichCompareBool: the same object is equal without __eq__
                    if p != q && !self.equal(p, q)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            (Obj::Set(x), Obj::Set(y)) if x.user || y.user => {
                if x.len() != y.len() {
                    return Ok(false);
                }
                for (m, k) in self.set_entries(a) {
                    if !self.set_has(b, m, k)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            (Obj::Set(x), Obj::Set(y)) => Ok(x.len() == y.len() && x.entries().all(|e| y.get_entry(&e.k).is_some())),
            // bound methods: the same function of the same object (method_richcompare)
            (&Obj::Method { func, this }, &Obj::Method { func: f, this: t }) => Ok(func == f && this == t),
            (&Obj::Builtin { f, this }, &Obj::Builtin { f: g, this: t }) => Ok(f == g && this == t),
            // range_equals: the same sequence of ints
            (&Obj::Range { start, stop, step }, &Obj::Range { start: s, stop: e, step: t }) => {
                let n = range_len(start, stop, step);
                Ok(n == range_len(s, e, t) && (n == 0 || start == s && (n == 1 || step == t)))
            }
            (Obj::Dict(x), Obj::Dict(y)) => {
                if x.len() != y.len() {
                    return Ok(false);
                }
                let pairs: Vec<(ObjRef, Key, ObjRef)> = x.entries().map(|e| (e.key, e.k.clone(), e.value)).collect();
                for (key, k, v) in pairs {
                    let k = self.resolve_key(b, key, k)?;
                    let other = match self.heap.get(b) {
                        Obj::Dict(d) => d.get(&k),
                        _ => None,
                    };
                    match other {
                        Some(o) if self.equal(v, o)? => {}
                        _ => return Ok(false),
                    }
                }
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    pub fn seq_items(&self, r: ObjRef) -> Vec<ObjRef> {
        match self.heap.get(r) {
            Obj::List(v) => v.clone(),
            Obj::Tuple(v) => v.to_vec(),
            _ => Vec::new(),
        }
    }

    /// What comparisons walk: a sequence's items, or a slice's start, stop and
    /// step (slices compare as those tuples).
    fn compared_items(&self, r: ObjRef) -> Vec<ObjRef> {
        match *self.heap.get(r) {
            Obj::Slice { start, stop, step } => vec![start, stop, step],
            _ => self.seq_items(r),
        }
    }

    pub fn compare(&mut self, op: CmpOp, a: ObjRef, b: ObjRef) -> Result<bool, PyErr> {
        // `==` itself has no identity shortcut: a NaN is not equal to itself
        if matches!(self.heap.get(a), Obj::Float(f) if f.is_nan()) && a == b && matches!(op, CmpOp::Eq | CmpOp::Ne) {
            return Ok(op == CmpOp::Ne);
        }
        match op {
            CmpOp::Eq => return self.equal(a, b),
            CmpOp::Ne => return Ok(!self.equal(a, b)?),
            _ => {}
        }
        // rich comparison methods of program classes (reflected on the right operand)
        let (name, refl) = match op {
            CmpOp::Lt => ("__lt__", "__gt__"),
            CmpOp::Le => ("__le__", "__ge__"),
            CmpOp::Gt => ("__gt__", "__lt__"),
            _ => ("__ge__", "__le__"),
        };
        for (x, y, m) in [(a, b, name), (b, a, refl)] {
            if let Some(r) = self.call_special(x, m, &[y]) {
                let r = r?;
                if r != self.not_implemented {
                    let t = self.truthy(r);
                    self.decref(r);
                    return t;
                }
                self.decref(r);
            }
        }
        if let (Obj::Set(x), Obj::Set(y)) = (self.heap.get(a), self.heap.get(b)) {
            if x.user || y.user {
                let (inner, outer) = if matches!(op, CmpOp::Lt | CmpOp::Le) { (a, b) } else { (b, a) };
                let (n, m) = (self.len_of(inner)?, self.len_of(outer)?);
                if n > m || (n == m && matches!(op, CmpOp::Lt | CmpOp::Gt)) {
                    return Ok(false);
                }
                for (x, k) in self.set_entries(inner) {
                    if !self.set_has(outer, x, k)? {
                        return Ok(false);
                    }
                }
                return Ok(true);
            }
            // sets are ordered by inclusion, not totally
            let within =
                |p: &SetTable, q: &SetTable| p.len() <= q.len() && p.entries().all(|e| q.get_entry(&e.k).is_some());
            return Ok(match op {
                CmpOp::Lt => x.len() < y.len() && within(x, y),
                CmpOp::Le => within(x, y),
                CmpOp::Gt => y.len() < x.len() && within(y, x),
                _ => within(y, x),
            });
        }
        use std::cmp::Ordering::*;
        let ord = if let (Some(x), Some(y)) = (self.num(a), self.num(b)) {
            // NaN is unordered: every comparison is False
            num_cmp(&x, &y)
        } else {
            match (self.heap.get(a), self.heap.get(b)) {
                (Obj::Str(x), Obj::Str(y)) => Some(x.cmp(y)),
                (Obj::List(_), Obj::List(_))
                | (Obj::Tuple(_), Obj::Tuple(_))
                | (Obj::Slice { .. }, Obj::Slice { .. }) => {
                    // the first items that differ decide, compared by the operator itself
                    let (x, y) = (self.compared_items(a), self.compared_items(b));
                    for (&p, &q) in x.iter().zip(y.iter()) {
                        if p != q && !self.equal(p, q)? {
                            self.cmp_depth += 1;
                            let r = if self.cmp_depth > self.recursion_limit.min(MAX_CMP_DEPTH) {
                                Err(PyErr::new(
                                    "RecursionError",
                                    "maximum recursion depth exceeded in comparison".into(),
                                ))
                            } else {
                                self.compare(op, p, q)
                            };
                            self.cmp_depth -= 1;
                            return r;
                        }
                    }
                    Some(x.len().cmp(&y.len()))
                }
                _ => {
                    return Err(PyErr::type_error(format!(
                        "'{}' not supported between instances of '{}' and '{}'",
                        op.symbol(),
                        self.type_name(a),
                        self.type_name(b)
                    )))
                }
            }
        };
        Ok(ord.is_some_and(|o| match op {
            CmpOp::Lt => o == Less,
            CmpOp::Le => o != Greater,
            CmpOp::Gt => o == Greater,
            _ => o != Less,
        }))
    }

    /// The dict key image of an object, or TypeError for unhashable ones;
    /// an instance whose class defines `__hash__` has it called, as
    /// CPython's `slot_tp_hash` does (no bound method is made).
    pub fn key_of(&mut self, r: ObjRef) -> Result<Key, PyErr> {
        self.key_of_depth(r, 0)
    }

    fn key_of_depth(&mut self, r: ObjRef, depth: u32) -> Result<Key, PyErr> {
        if depth > MAX_KEY_DEPTH && matches!(self.heap.get(r), Obj::Tuple(_)) {
            // a tuple nested this deep is keyed by identity: equal but distinct
            // deep tuples are the one case where the model differs
            return Ok(Key::Ident(r.0));
        }
        Ok(match self.heap.get(r) {
            Obj::None => Key::None,
            Obj::Bool(b) => Key::Int(*b as i64),
            Obj::Int(i) => Key::Int(*i),
            Obj::Big(b) => Key::Big(b.to_string().into()),
            Obj::Float(f) => {
                if f.fract() == 0.0 && f.abs() < 9.2e18 {
                    Key::Int(*f as i64)
                } else {
                    Key::Float(f.to_bits())
                }
            }
            Obj::Str(s) => Key::Str(s.clone()),
            Obj::Tuple(t) => {
                let items = t.to_vec();
                let mut ks = Vec::with_capacity(items.len());
                for i in items {
                    ks.push(self.key_of_depth(i, depth + 1)?);
                }
                Key::Tuple(ks.into())
            }
            &Obj::Slice { start, stop, step } => {
                let mut parts = Vec::with_capacity(3);
                for part in [start, stop, step] {
                    parts.push(self.key_of_depth(part, depth + 1)?);
                }
                Key::Slice(parts.into())
            }
            Obj::Set(t) if t.frozen => {
                let members: Vec<Key> = t.entries().map(|e| e.k.clone()).collect();
                Key::Frozen(crate::hash::hash_frozenset(&members), members.into())
            }
            Obj::List(_) | Obj::Dict(_) | Obj::Set(_) => {
                return Err(PyErr::type_error(format!("unhashable type: '{}'", self.type_name(r))))
            }
            Obj::Instance(i) => {
                let cls = i.class;
                match self.hash_slot(cls) {
                    None => Key::Ident(r.0),
                    Some(f) if f == self.none => {
                        return Err(PyErr::type_error(format!("unhashable type: '{}'", self.type_name(r))))
                    }
                    Some(f) if matches!(self.heap.get(f), Obj::Function(_)) => {
                        self.incref(f);
                        let res = self.call_object(f, &[r], &[]);
                        self.decref(f);
                        let res = res?;
                        let h = match self.heap.get(res) {
                            Obj::Int(i) => Some(*i),
                            Obj::Bool(b) => Some(*b as i64),
                            Obj::Big(b) => {
                                Some(b.to_i64().unwrap_or_else(|| crate::hash::hash(&Key::Big(b.to_string().into()))))
                            }
                            _ => None,
                        };
                        self.decref(res);
                        let Some(h) = h else {
                            return Err(PyErr::type_error("__hash__ method should return an integer".into()));
                        };
                        Key::User(if h == -1 { -2 } else { h }, r.0)
                    }
                    Some(_) => return Err(PyErr::refusal("a '__hash__' that is not a function")),
                }
            }
            _ => Key::Ident(r.0),
        })
    }

    /// A class's `__hash__` as CPython's `type_new` leaves it: the first class
    /// along the MRO that defines `__hash__` or `__eq__` decides (`__eq__`
    /// alone makes `__hash__` None); None when object's identity hash holds.
    /// A borrowed reference.
    pub(crate) fn hash_slot(&self, cls: ObjRef) -> Option<ObjRef> {
        let (hash, eq) = (Key::Str("__hash__".into()), Key::Str("__eq__".into()));
        for t in self.mro(cls) {
            let Obj::Type(tt) = self.heap.get(t) else { continue };
            if tt.dict.is_null() {
                continue;
            }
            if let Obj::Dict(d) = self.heap.get(tt.dict) {
                if let Some(f) = d.get(&hash) {
                    return Some(f);
                }
                if d.get(&eq).is_some() {
                    return Some(self.none);
                }
            }
        }
        None
    }

    /// The key image a dict or set lookup of `obj` uses: with keys that
    /// compare by the program's `__eq__` on either side, the image of the
    /// first key of the same hash (in CPython's probe order) that is the
    /// object, has the same value image, or is equal by `==`; else `k`.
    pub(crate) fn resolve_key(&mut self, container: ObjRef, obj: ObjRef, k: Key) -> Result<Key, PyErr> {
        let user = match self.heap.get(container) {
            Obj::Dict(d) => d.user,
            Obj::Set(s) => s.user,
            _ => false,
        };
        if !user && !k.needs_eq() {
            return Ok(k);
        }
        let h = crate::hash::hash(&k);
        // the entry compared last, when the probe goes on after it
        let mut after = None;
        'probe: loop {
            let candidates = self.same_hash(container, h);
            let start = after.and_then(|a| candidates.iter().position(|c| (c.0, c.1) == a)).map_or(0, |i| i + 1);
            for (pos, key, ck) in candidates.into_iter().skip(start) {
                if key == obj || ck == k {
                    return Ok(ck);
                }
                if !ck.needs_eq() && !k.needs_eq() {
                    continue;
                }
                // CPython holds the stored key while its __eq__ runs
                let before = self.table_versions(container);
                self.incref(key);
                let eq = self.equal(key, obj);
                self.decref(key);
                let eq = eq?;
                let now = self.table_versions(container);
                if now == before {
                    if eq {
                        return Ok(ck);
                    }
                    continue;
                }
                // __eq__ changed the container: the search goes on only while the
                // table is the same and this entry still holds the key, else it
                // starts again (dictobject.c's DKIX_KEY_CHANGED, set_lookkey)
                let held = now.0 == before.0 && self.same_hash(container, h).iter().any(|c| (c.0, c.1) == (pos, key));
                if held && eq {
                    return Ok(ck);
                }
                after = held.then_some((pos, key));
                continue 'probe;
            }
            return Ok(k);
        }
    }

    /// The keys of a dict or set with the hash `h`, with their positions, in probe order.
    fn same_hash(&mut self, container: ObjRef, h: i64) -> Vec<(u32, ObjRef, Key)> {
        match self.heap.get_mut(container) {
            Obj::Dict(d) => d.same_hash(h),
            Obj::Set(s) => s.same_hash(h),
            _ => Vec::new(),
        }
    }

    fn table_versions(&self, container: ObjRef) -> (u64, u64) {
        match self.heap.get(container) {
            Obj::Dict(d) => d.versions(),
            Obj::Set(s) => s.versions,
            _ => (0, 0),
        }
    }

    /// `key_of` then `resolve_key` against a dict or set.
    pub(crate) fn key_in(&mut self, container: ObjRef, obj: ObjRef) -> Result<Key, PyErr> {
        let k = self.key_of(obj)?;
        self.resolve_key(container, obj, k)
    }
}

/// Tuple nesting within which dict and set keys compare by value.
const MAX_KEY_DEPTH: u32 = 200;

/// Nesting of container comparisons before RecursionError (native recursion).
const MAX_CMP_DEPTH: u32 = 1000;

/// The largest container and string the model makes: past them, MemoryError.
pub(crate) const MAX_ITEMS: usize = 20_000_000;
pub(crate) const MAX_STR_BYTES: usize = 100_000_000;

impl Vm {
    /// `seq * n` for str, list and tuple.
    fn repeat(&mut self, seq: ObjRef, n: usize) -> Result<ObjRef, PyErr> {
        let len = match self.heap.get(seq) {
            Obj::Str(s) => s.len(),
            Obj::List(v) => v.len(),
            Obj::Tuple(v) => v.len(),
            _ => 0,
        };
        let total = len.saturating_mul(n);
        let limit = if matches!(self.heap.get(seq), Obj::Str(_)) { MAX_STR_BYTES } else { MAX_ITEMS };
        if total > limit {
            return Err(PyErr::new("MemoryError", String::new()));
        }
        self.work(total as u64 / 16)?;
        match self.heap.get(seq) {
            Obj::Str(s) => {
                let r = s.repeat(n);
                Ok(self.str(&r))
            }
            Obj::List(x) => {
                let items: Vec<ObjRef> = x.iter().copied().cycle().take(total).collect();
                for &i in &items {
                    self.incref(i);
                }
                Ok(self.new_list(items))
            }
            Obj::Tuple(x) => {
                if n == 1 {
                    self.incref(seq);
                    return Ok(seq);
                }
                let items: Vec<ObjRef> = x.iter().copied().cycle().take(total).collect();
                if items.is_empty() {
                    return Ok(self.empty_tuple);
                }
                for &i in &items {
                    self.incref(i);
                }
                Ok(self.new_tuple(items))
            }
            _ => unreachable!("checked by the caller"),
        }
    }
}

/// Numbers compared exactly, an int with a float too (float_richcompare);
/// None when a NaN makes them unordered.
fn num_cmp(x: &Num, y: &Num) -> Option<std::cmp::Ordering> {
    let int_float = |i: &BigInt, f: f64| {
        if f.is_infinite() {
            return Some(if f > 0.0 { std::cmp::Ordering::Less } else { std::cmp::Ordering::Greater });
        }
        // against the floor: an int equal to it is below a float with a fraction
        let fl = f.floor();
        let o = i.cmp(&num_traits::FromPrimitive::from_f64(fl)?);
        Some(if o.is_eq() && f != fl { std::cmp::Ordering::Less } else { o })
    };
    match (x, y) {
        (Num::Int(a), Num::Int(b)) => Some(a.cmp(b)),
        (Num::Float(a), Num::Float(b)) => a.partial_cmp(b),
        (Num::Int(i), Num::Float(f)) => int_float(i, *f),
        (Num::Float(f), Num::Int(i)) => int_float(i, *f).map(std::cmp::Ordering::reverse),
    }
}

/// The method names of a binary operator and its reflection.
fn dunder(op: BinOp) -> (&'static str, &'static str) {
    match op {
        BinOp::Add => ("__add__", "__radd__"),
        BinOp::Sub => ("__sub__", "__rsub__"),
        BinOp::Mul => ("__mul__", "__rmul__"),
        BinOp::TrueDiv => ("__truediv__", "__rtruediv__"),
        BinOp::FloorDiv => ("__floordiv__", "__rfloordiv__"),
        BinOp::Mod => ("__mod__", "__rmod__"),
        BinOp::Pow => ("__pow__", "__rpow__"),
        BinOp::LShift => ("__lshift__", "__rlshift__"),
        BinOp::RShift => ("__rshift__", "__rrshift__"),
        BinOp::And => ("__and__", "__rand__"),
        BinOp::Or => ("__or__", "__ror__"),
        BinOp::Xor => ("__xor__", "__rxor__"),
    }
}

/// CPython's _float_div_mod: the remainder by fmod, with the divisor's sign,
/// and the quotient from it, snapped to the nearest integral value.
fn float_div_mod(x: f64, y: f64) -> (f64, f64) {
    let mut m = x % y;
    let mut div = (x - m) / y;
    if m == 0.0 {
        m = 0f64.copysign(y);
    } else if (y < 0.0) != (m < 0.0) {
        m += y;
        div -= 1.0;
    }
    if div == 0.0 {
        return (0f64.copysign(x / y), m);
    }
    let q = div.floor();
    (if div - q > 0.5 { q + 1.0 } else { q }, m)
}

fn num_integer_floor_div(x: &BigInt, y: &BigInt) -> BigInt {
    let q = x / y;
    let r = x - &q * y;
    if !r.is_zero() && (r.is_negative() != y.is_negative()) {
        q - 1
    } else {
        q
    }
}

pub fn range_len(start: i64, stop: i64, step: i64) -> i64 {
    if step > 0 && start < stop {
        (stop - start - 1) / step + 1
    } else if step < 0 && start > stop {
        (start - stop - 1) / (-step) + 1
    } else {
        0
    }
}

/// An int as a float, rounded to nearest (PyLong_AsDouble); too large is
/// OverflowError.
pub(crate) fn int_to_float(n: &BigInt) -> Result<f64, PyErr> {
    match n.to_f64() {
        Some(x) if x.is_finite() => Ok(x),
        _ => Err(PyErr::new("OverflowError", "int too large to convert to float".into())),
    }
}

/// `a / b` for ints, correctly rounded as long_true_divide (an integer
/// quotient of 55 bits and a sticky remainder, rounded half to even).
pub(crate) fn int_true_div(a: &BigInt, b: &BigInt) -> Result<f64, PyErr> {
    if b.is_zero() {
        return Err(PyErr::new("ZeroDivisionError", "division by zero".into()));
    }
    let negate = a.is_negative() != b.is_negative();
    let (x, y) = (a.magnitude(), b.magnitude());
    let v = if x.is_zero() {
        0.0
    } else if x.bits() <= 53 && y.bits() <= 53 {
        // both exact as floats: one correctly rounded division
        x.to_f64().unwrap_or(0.0) / y.to_f64().unwrap_or(1.0)
    } else {
        let shift = 55 - (x.bits() as i64 - y.bits() as i64);
        let (n, d) = if shift >= 0 { (x << shift as u64, y.clone()) } else { (x.clone(), y << (-shift) as u64) };
        let (q, r) = (&n / &d, &n % &d);
        // the result is q * 2^-shift; keep 53 bits (fewer below the normal range)
        let exp = q.bits() as i64 - 1 - shift;
        if exp > 1023 {
            return Err(PyErr::new("OverflowError", "integer division result too large for a float".into()));
        }
        let mut extra = q.bits() as i64 - 53;
        if exp < -1022 {
            extra += -1022 - exp;
        }
        let extra = extra.clamp(0, q.bits() as i64) as u64;
        let mut m = &q >> extra;
        if extra > 0 {
            let half = num_bigint::BigUint::from(1u8) << (extra - 1);
            let low = &q - (&m << extra);
            let above = low > half || (low == half && !r.is_zero());
            let tie = low == half && r.is_zero();
            if above || (tie && m.bit(0)) {
                m += 1u8;
            }
        }
        // m has at most 53 bits and m * 2^e is exact: scale in two steps at the ends of the range
        let e = extra as i64 - shift;
        let m = m.to_f64().unwrap_or(f64::INFINITY);
        let v = if e < -1000 {
            m * 2f64.powi((e + 600) as i32) * 2f64.powi(-600)
        } else if e > 1000 {
            m * 2f64.powi((e - 600) as i32) * 2f64.powi(600)
        } else {
            m * 2f64.powi(e as i32)
        };
        if v.is_infinite() {
            return Err(PyErr::new("OverflowError", "integer division result too large for a float".into()));
        }
        v
    };
    Ok(if negate { -v } else { v })
}

/// `x ** y` for floats (float_pow): zero to a negative power, a negative
/// base to a fractional power (a complex number, which gcplay does not
/// model), and an overflowing result are CPython's errors.
pub(crate) fn float_pow(x: f64, y: f64) -> Result<f64, PyErr> {
    if y == 0.0 {
        return Ok(1.0);
    }
    if x.is_nan() {
        return Ok(x);
    }
    if y.is_nan() {
        return Ok(if x == 1.0 { 1.0 } else { y });
    }
    if x == 0.0 && y < 0.0 && y.is_finite() {
        return Err(PyErr::new("ZeroDivisionError", "0.0 cannot be raised to a negative power".into()));
    }
    if x < 0.0 && x.is_finite() && y.is_finite() && y.fract() != 0.0 {
        return Err(PyErr::refusal("complex numbers (a negative number to a fractional power)"));
    }
    let v = x.powf(y);
    if v.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(PyErr::new("OverflowError", "(34, 'Numerical result out of range')".into()));
    }
    Ok(v)
}
