//! Operations on values: arithmetic, comparison, truth, repr, items, iteration.

use super::{PyErr, Vm};
use crate::code::{BinOp, CmpOp, UnOp};
use crate::dict::Key;
use crate::heap::{flags, ObjRef};
use crate::object::Obj;
use crate::trace::Event;
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};
use std::rc::Rc;

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

/// Python's str repr: single quotes unless the text has them and no double ones.
pub fn str_repr(s: &str) -> String {
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
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (0x80..0xa0).contains(&(c as u32)) => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
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

    pub fn binary(&mut self, op: BinOp, a: ObjRef, b: ObjRef, _inplace: bool) -> Result<ObjRef, PyErr> {
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
                let s = format!("{x}{y}");
                return Ok(self.str(&s));
            }
            (Obj::Str(x), _) if op == BinOp::Mul && self.index_of(b).is_some() => {
                let n = self.index_of(b).unwrap_or(0).max(0) as usize;
                let s = x.repeat(n);
                return Ok(self.str(&s));
            }
            (Obj::List(x), Obj::List(y)) if op == BinOp::Add => {
                let items: Vec<ObjRef> = x.iter().chain(y.iter()).copied().collect();
                for &i in &items {
                    self.incref(i);
                }
                return Ok(self.new_list(items));
            }
            (Obj::List(x), _) if op == BinOp::Mul && self.index_of(b).is_some() => {
                let n = self.index_of(b).unwrap_or(0).max(0) as usize;
                let items: Vec<ObjRef> = x.iter().copied().cycle().take(x.len() * n).collect();
                for &i in &items {
                    self.incref(i);
                }
                return Ok(self.new_list(items));
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
            return Err(PyErr::type_error(format!(
                "unsupported operand type(s) for {}: '{}' and '{}'",
                op.symbol(),
                self.type_name(a),
                self.type_name(b)
            )));
        };
        match (x, y) {
            (Num::Int(x), Num::Int(y)) => self.int_binary(op, x, y),
            (x, y) => {
                let f = |n: Num| match n {
                    Num::Int(i) => i.to_f64().unwrap_or(f64::INFINITY),
                    Num::Float(f) => f,
                };
                let (x, y) = (f(x), f(y));
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
                    BinOp::FloorDiv => {
                        if y == 0.0 {
                            return Err(PyErr::new("ZeroDivisionError", "float floor division by zero".into()));
                        }
                        (x / y).floor()
                    }
                    BinOp::Mod => {
                        if y == 0.0 {
                            return Err(PyErr::new("ZeroDivisionError", "float modulo".into()));
                        }
                        let m = x % y;
                        if m != 0.0 && ((m < 0.0) != (y < 0.0)) {
                            m + y
                        } else {
                            m
                        }
                    }
                    BinOp::Pow => x.powf(y),
                    _ => {
                        return Err(PyErr::type_error(format!(
                            "unsupported operand type(s) for {}: '{}' and '{}'",
                            op.symbol(),
                            self.type_name(a),
                            self.type_name(b)
                        )))
                    }
                };
                Ok(self.alloc(Obj::Float(v)))
            }
        }
    }

    fn int_binary(&mut self, op: BinOp, x: BigInt, y: BigInt) -> Result<ObjRef, PyErr> {
        let v = match op {
            BinOp::Add => x + y,
            BinOp::Sub => x - y,
            BinOp::Mul => x * y,
            BinOp::TrueDiv => {
                if y.is_zero() {
                    return Err(PyErr::new("ZeroDivisionError", "division by zero".into()));
                }
                let v = x.to_f64().unwrap_or(f64::INFINITY) / y.to_f64().unwrap_or(f64::INFINITY);
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
                    let v = x.to_f64().unwrap_or(f64::INFINITY).powf(y.to_f64().unwrap_or(0.0));
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
                let sym = match op {
                    UnOp::Neg => "-",
                    UnOp::Pos => "+",
                    _ => "~",
                };
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
            Obj::Range { start, stop, step } => range_len(*start, *stop, *step) > 0,
            _ => true,
        })
    }

    pub fn equal(&mut self, a: ObjRef, b: ObjRef) -> Result<bool, PyErr> {
        if a == b {
            return Ok(true);
        }
        if let (Some(x), Some(y)) = (self.num(a), self.num(b)) {
            return Ok(match (x, y) {
                (Num::Int(x), Num::Int(y)) => x == y,
                (Num::Float(x), Num::Float(y)) => x == y,
                (Num::Int(i), Num::Float(f)) | (Num::Float(f), Num::Int(i)) => i.to_f64() == Some(f),
            });
        }
        match (self.heap.get(a), self.heap.get(b)) {
            (Obj::Str(x), Obj::Str(y)) => Ok(x == y),
            (Obj::List(x), Obj::List(y)) if x.len() != y.len() => Ok(false),
            (Obj::Tuple(x), Obj::Tuple(y)) if x.len() != y.len() => Ok(false),
            (Obj::List(_), Obj::List(_)) | (Obj::Tuple(_), Obj::Tuple(_)) => {
                let (x, y) = (self.seq_items(a), self.seq_items(b));
                for (p, q) in x.into_iter().zip(y) {
                    if !self.equal(p, q)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            (Obj::Dict(x), Obj::Dict(y)) => {
                if x.len() != y.len() {
                    return Ok(false);
                }
                let pairs: Vec<(Key, ObjRef)> = x.entries().map(|e| (e.k.clone(), e.value)).collect();
                for (k, v) in pairs {
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

    pub fn compare(&mut self, op: CmpOp, a: ObjRef, b: ObjRef) -> Result<bool, PyErr> {
        match op {
            CmpOp::Eq => return self.equal(a, b),
            CmpOp::Ne => return Ok(!self.equal(a, b)?),
            _ => {}
        }
        let ord = self.order(a, b).ok_or_else(|| {
            PyErr::type_error(format!(
                "'{}' not supported between instances of '{}' and '{}'",
                op.symbol(),
                self.type_name(a),
                self.type_name(b)
            ))
        })?;
        use std::cmp::Ordering::*;
        Ok(match op {
            CmpOp::Lt => ord == Less,
            CmpOp::Le => ord != Greater,
            CmpOp::Gt => ord == Greater,
            CmpOp::Ge => ord != Less,
            _ => unreachable!("equality handled above"),
        })
    }

    /// Ordering for `<` and friends; None where Python raises TypeError.
    pub fn order(&mut self, a: ObjRef, b: ObjRef) -> Option<std::cmp::Ordering> {
        if let (Some(x), Some(y)) = (self.num(a), self.num(b)) {
            return match (x, y) {
                (Num::Int(x), Num::Int(y)) => Some(x.cmp(&y)),
                (x, y) => {
                    let f = |n: Num| match n {
                        Num::Int(i) => i.to_f64().unwrap_or(f64::INFINITY),
                        Num::Float(f) => f,
                    };
                    f(x).partial_cmp(&f(y))
                }
            };
        }
        match (self.heap.get(a), self.heap.get(b)) {
            (Obj::Str(x), Obj::Str(y)) => Some(x.cmp(y)),
            (Obj::List(_), Obj::List(_)) | (Obj::Tuple(_), Obj::Tuple(_)) => {
                let (x, y) = (self.seq_items(a), self.seq_items(b));
                for (p, q) in x.iter().zip(y.iter()) {
                    if !self.equal(*p, *q).ok()? {
                        return self.order(*p, *q);
                    }
                }
                Some(x.len().cmp(&y.len()))
            }
            _ => None,
        }
    }

    /// The dict key image of an object, or TypeError for unhashable ones.
    pub fn key_of(&self, r: ObjRef) -> Result<Key, PyErr> {
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
                let mut ks = Vec::with_capacity(t.len());
                for &i in t.iter() {
                    ks.push(self.key_of(i)?);
                }
                Key::Tuple(ks.into())
            }
            Obj::List(_) | Obj::Dict(_) => {
                return Err(PyErr::type_error(format!("unhashable type: '{}'", self.type_name(r))))
            }
            _ => Key::Ident(r.0),
        })
    }

    /// d[key] = value, with CPython's reference moves and dict tracking.
    pub fn dict_set(&mut self, d: ObjRef, key: ObjRef, value: ObjRef) -> Result<(), PyErr> {
        let k = self.key_of(key)?;
        self.incref(value);
        let replaced = match self.heap.get_mut(d) {
            Obj::Dict(dict) => dict.set(k.clone(), key, value),
            _ => return Err(PyErr::type_error("not a dict".into())),
        };
        if replaced.is_none() {
            self.incref(key);
        }
        if !self.heap.slot(d).is(flags::TRACKED) && (self.may_be_tracked(key) || self.may_be_tracked(value)) {
            self.track(d);
        }
        if self.tracing && !self.heap.slot(d).is(flags::INTERNAL) {
            let stored_key = match self.heap.get(d) {
                Obj::Dict(dict) => dict.get_entry(&k).map(|e| e.key).unwrap_or(key),
                _ => key,
            };
            let id = self.heap.serial(d);
            self.trace.push(Event::DictSet { id, key: self.heap.serial(stored_key), value: self.heap.serial(value) });
        }
        if let Some(old) = replaced {
            self.decref(old);
        }
        Ok(())
    }

    fn norm_index(&self, idx: ObjRef, len: usize, what: &str) -> Result<usize, PyErr> {
        let Some(i) = self.index_of(idx) else {
            return Err(PyErr::type_error(format!(
                "{what} indices must be integers or slices, not {}",
                self.type_name(idx)
            )));
        };
        let i = if i < 0 { i + len as i64 } else { i };
        if i < 0 || i >= len as i64 {
            return Err(PyErr::new("IndexError", format!("{what} index out of range")));
        }
        Ok(i as usize)
    }

    pub fn getitem(&mut self, obj: ObjRef, key: ObjRef) -> Result<ObjRef, PyErr> {
        let r = match self.heap.get(obj) {
            Obj::List(v) => {
                let i = self.norm_index(key, v.len(), "list")?;
                v[i]
            }
            Obj::Tuple(v) => {
                let i = self.norm_index(key, v.len(), "tuple")?;
                v[i]
            }
            Obj::Str(s) => {
                let chars: Vec<char> = s.chars().collect();
                let i = self.norm_index(key, chars.len(), "string")?;
                let c = chars[i].to_string();
                return Ok(self.str(&c));
            }
            Obj::Dict(_) => {
                let k = self.key_of(key)?;
                match self.heap.get(obj) {
                    Obj::Dict(d) => match d.get(&k) {
                        Some(v) => v,
                        None => {
                            let msg = self.repr(key)?;
                            return Err(PyErr::new("KeyError", msg));
                        }
                    },
                    _ => unreachable!(),
                }
            }
            Obj::Range { start, stop, step } => {
                let (start, step) = (*start, *step);
                let len = range_len(start, *stop, step);
                let i = self.norm_index(key, len as usize, "range object")?;
                return Ok(self.int(start + step * i as i64));
            }
            _ => {
                return Err(PyErr::type_error(format!("'{}' object is not subscriptable", self.type_name(obj))));
            }
        };
        self.incref(r);
        Ok(r)
    }

    pub fn setitem(&mut self, obj: ObjRef, key: ObjRef, value: ObjRef) -> Result<(), PyErr> {
        match self.heap.get(obj) {
            Obj::List(v) => {
                let i = self.norm_index(key, v.len(), "list assignment")?;
                self.incref(value);
                let old = match self.heap.get_mut(obj) {
                    Obj::List(v) => std::mem::replace(&mut v[i], value),
                    _ => unreachable!(),
                };
                if self.tracing {
                    let id = self.heap.serial(obj);
                    self.trace.push(Event::ListSet { id, index: i as u32, item: self.heap.serial(value) });
                }
                self.decref(old);
                Ok(())
            }
            Obj::Dict(_) => self.dict_set(obj, key, value),
            _ => Err(PyErr::type_error(format!("'{}' object does not support item assignment", self.type_name(obj)))),
        }
    }

    pub fn delitem(&mut self, obj: ObjRef, key: ObjRef) -> Result<(), PyErr> {
        match self.heap.get(obj) {
            Obj::List(v) => {
                let i = self.norm_index(key, v.len(), "list assignment")?;
                let old = match self.heap.get_mut(obj) {
                    Obj::List(v) => v.remove(i),
                    _ => unreachable!(),
                };
                if self.tracing {
                    let id = self.heap.serial(obj);
                    self.trace.push(Event::ListRemove { id, index: i as u32 });
                }
                self.decref(old);
                Ok(())
            }
            Obj::Dict(_) => {
                let k = self.key_of(key)?;
                let removed = match self.heap.get_mut(obj) {
                    Obj::Dict(d) => d.remove(&k),
                    _ => unreachable!(),
                };
                match removed {
                    Some(e) => {
                        if self.tracing {
                            let id = self.heap.serial(obj);
                            self.trace.push(Event::DictRemove { id, key: self.heap.serial(e.key) });
                        }
                        self.decref(e.key);
                        self.decref(e.value);
                        Ok(())
                    }
                    None => {
                        let msg = self.repr(key)?;
                        Err(PyErr::new("KeyError", msg))
                    }
                }
            }
            _ => Err(PyErr::type_error(format!("'{}' object doesn't support item deletion", self.type_name(obj)))),
        }
    }

    pub fn contains(&mut self, container: ObjRef, item: ObjRef) -> Result<bool, PyErr> {
        match self.heap.get(container) {
            Obj::List(_) | Obj::Tuple(_) => {
                for x in self.seq_items(container) {
                    if self.equal(x, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Obj::Dict(_) => {
                let k = self.key_of(item)?;
                Ok(matches!(self.heap.get(container), Obj::Dict(d) if d.get(&k).is_some()))
            }
            Obj::Str(s) => match self.heap.get(item) {
                Obj::Str(sub) => Ok(s.contains(&**sub)),
                _ => Err(PyErr::type_error(format!(
                    "'in <string>' requires string as left operand, not {}",
                    self.type_name(item)
                ))),
            },
            _ => Err(PyErr::type_error(format!("argument of type '{}' is not iterable", self.type_name(container)))),
        }
    }

    pub fn get_iter(&mut self, v: ObjRef) -> Result<ObjRef, PyErr> {
        let it = match self.heap.get(v) {
            Obj::List(_) => {
                self.incref(v);
                Obj::ListIter { list: v, index: 0 }
            }
            Obj::Tuple(_) => {
                self.incref(v);
                Obj::TupleIter { tuple: v, index: 0 }
            }
            Obj::Range { start, stop, step } => Obj::RangeIter { next: *start, stop: *stop, step: *step },
            Obj::ListIter { .. } | Obj::TupleIter { .. } | Obj::RangeIter { .. } => {
                self.incref(v);
                return Ok(v);
            }
            _ => return Err(PyErr::type_error(format!("'{}' object is not iterable", self.type_name(v)))),
        };
        Ok(self.alloc(it))
    }

    /// The next item as a new reference, or None when the iterator is exhausted.
    pub fn iter_next(&mut self, it: ObjRef) -> Result<Option<ObjRef>, PyErr> {
        match self.heap.get_mut(it) {
            Obj::RangeIter { next, stop, step } => {
                let (n, s, st) = (*next, *stop, *step);
                if (st > 0 && n < s) || (st < 0 && n > s) {
                    *next = n + st;
                    let r = self.int(n);
                    Ok(Some(r))
                } else {
                    Ok(None)
                }
            }
            Obj::ListIter { list, index } | Obj::TupleIter { tuple: list, index } => {
                let (seq, i) = (*list, *index);
                if seq.is_null() {
                    return Ok(None);
                }
                let item = match self.heap.get(seq) {
                    Obj::List(v) => v.get(i).copied(),
                    Obj::Tuple(v) => v.get(i).copied(),
                    _ => None,
                };
                match item {
                    Some(x) => {
                        if let Obj::ListIter { index, .. } | Obj::TupleIter { index, .. } = self.heap.get_mut(it) {
                            *index += 1;
                        }
                        self.incref(x);
                        Ok(Some(x))
                    }
                    None => {
                        // exhausted iterators drop their sequence, as CPython's do
                        if let Obj::ListIter { list, .. } | Obj::TupleIter { tuple: list, .. } = self.heap.get_mut(it) {
                            *list = ObjRef::NULL;
                        }
                        self.decref(seq);
                        Ok(None)
                    }
                }
            }
            _ => Err(PyErr::type_error(format!("'{}' object is not an iterator", self.type_name(it)))),
        }
    }

    /// UNPACK_SEQUENCE: push the items, last first, so the first is on top.
    pub fn unpack(&mut self, seq: ObjRef, n: usize) -> Result<(), PyErr> {
        let items = match self.heap.get(seq) {
            Obj::List(_) | Obj::Tuple(_) => self.seq_items(seq),
            _ => {
                let it = self.get_iter(seq)?;
                let mut out = Vec::new();
                while let Some(x) = self.iter_next(it)? {
                    out.push(x);
                    self.decref(x);
                    if out.len() > n {
                        break;
                    }
                }
                self.decref(it);
                out
            }
        };
        if items.len() != n {
            return Err(if items.len() > n {
                PyErr::new("ValueError", format!("too many values to unpack (expected {n})"))
            } else {
                PyErr::new("ValueError", format!("not enough values to unpack (expected {n}, got {})", items.len()))
            });
        }
        for &x in items.iter().rev() {
            self.incref(x);
            self.stack.push(x);
        }
        Ok(())
    }

    pub fn repr_atomic(&self, r: ObjRef) -> String {
        match self.heap.get(r) {
            Obj::None => "None".into(),
            Obj::Bool(true) => "True".into(),
            Obj::Bool(false) => "False".into(),
            Obj::Int(i) => i.to_string(),
            Obj::Big(b) => b.to_string(),
            Obj::Float(f) => float_repr(*f),
            Obj::Str(s) => str_repr(s),
            _ => String::new(),
        }
    }

    /// repr(), guarding self-reference as CPython's Py_ReprEnter does.
    pub fn repr(&mut self, r: ObjRef) -> Result<String, PyErr> {
        let mut out = String::new();
        let mut active = Vec::new();
        self.repr_into(r, &mut out, &mut active, 0)?;
        Ok(out)
    }

    fn repr_into(&mut self, r: ObjRef, out: &mut String, active: &mut Vec<ObjRef>, depth: u32) -> Result<(), PyErr> {
        if depth > self.profile.recursion_limit {
            return Err(PyErr::new(
                "RecursionError",
                "maximum recursion depth exceeded while getting the repr of an object".into(),
            ));
        }
        match self.heap.get(r) {
            Obj::List(_) | Obj::Tuple(_) | Obj::Dict(_) => {
                let is_tuple = matches!(self.heap.get(r), Obj::Tuple(_));
                if active.contains(&r) && !is_tuple {
                    out.push_str(if matches!(self.heap.get(r), Obj::Dict(_)) { "{...}" } else { "[...]" });
                    return Ok(());
                }
                active.push(r);
                match self.heap.get(r) {
                    Obj::Dict(d) => {
                        let pairs: Vec<(ObjRef, ObjRef)> = d.iter().collect();
                        out.push('{');
                        for (i, (k, v)) in pairs.into_iter().enumerate() {
                            if i > 0 {
                                out.push_str(", ");
                            }
                            self.repr_into(k, out, active, depth + 1)?;
                            out.push_str(": ");
                            self.repr_into(v, out, active, depth + 1)?;
                        }
                        out.push('}');
                    }
                    _ => {
                        let items = self.seq_items(r);
                        out.push(if is_tuple { '(' } else { '[' });
                        for (i, x) in items.iter().enumerate() {
                            if i > 0 {
                                out.push_str(", ");
                            }
                            self.repr_into(*x, out, active, depth + 1)?;
                        }
                        if is_tuple && items.len() == 1 {
                            out.push(',');
                        }
                        out.push(if is_tuple { ')' } else { ']' });
                    }
                }
                active.pop();
                Ok(())
            }
            Obj::Module { name, .. } => {
                out.push_str(&format!("<module '{name}' (built-in)>"));
                Ok(())
            }
            Obj::Builtin { f, this } => {
                if this.is_null() {
                    out.push_str(&format!("<built-in function {}>", f.name()));
                } else {
                    out.push_str(&format!(
                        "<built-in method {} of {} object at {}>",
                        f.name(),
                        self.type_name(*this),
                        self.address(*this)
                    ));
                }
                Ok(())
            }
            Obj::Function(func) => {
                out.push_str(&format!("<function {} at {}>", func.name, self.address(r)));
                Ok(())
            }
            Obj::Range { .. } => {
                out.push_str(&self.atomic_repr(r).map(|s| s.to_string()).unwrap_or_default());
                Ok(())
            }
            Obj::None | Obj::Bool(_) | Obj::Int(_) | Obj::Big(_) | Obj::Float(_) | Obj::Str(_) => {
                out.push_str(&self.repr_atomic(r));
                Ok(())
            }
            _ => {
                out.push_str(&format!("<{} object at {}>", self.type_name(r), self.address(r)));
                Ok(())
            }
        }
    }

    /// str(): the text itself for str, repr for the rest.
    pub fn to_str(&mut self, r: ObjRef) -> Result<String, PyErr> {
        match self.heap.get(r) {
            Obj::Str(s) => Ok(s.to_string()),
            _ => self.repr(r),
        }
    }

    /// A plausible 64-bit address for `id()` and default reprs: slots are
    /// reused after a free, as CPython's memory is.
    pub fn address(&self, r: ObjRef) -> String {
        format!("0x{:x}", self.id_of(r))
    }

    pub fn id_of(&self, r: ObjRef) -> u64 {
        0x7f00_0000_0000 + (r.0 as u64) * 64
    }

    pub fn get_attr(&mut self, obj: ObjRef, name: &Rc<str>) -> Result<ObjRef, PyErr> {
        if let Obj::Module { dict, name: mname } = self.heap.get(obj) {
            let mname = mname.clone();
            let found = match self.heap.get(*dict) {
                Obj::Dict(d) => d.get(&Key::Str(name.clone())),
                _ => None,
            };
            return match found {
                Some(v) => {
                    self.incref(v);
                    Ok(v)
                }
                None => Err(PyErr::new("AttributeError", format!("module '{mname}' has no attribute '{name}'"))),
            };
        }
        if let Some(m) = self.get_method(obj, name)? {
            // a bound built-in method: a new object holding its self
            let Obj::Builtin { f, .. } = *self.heap.get(m) else { unreachable!("methods are builtins") };
            self.incref(obj);
            return Ok(self.alloc(Obj::Builtin { f, this: obj }));
        }
        Err(PyErr::new("AttributeError", format!("'{}' object has no attribute '{name}'", self.type_name(obj))))
    }

    /// A method descriptor of the object's type, for LOAD_ATTR's method form.
    pub fn get_method(&mut self, obj: ObjRef, name: &Rc<str>) -> Result<Option<ObjRef>, PyErr> {
        let ty = self.type_name(obj);
        Ok(self.methods.get(&(ty, &**name)).copied())
    }
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
