//! repr(), str() and formatting, as CPython prints them.

use super::ops::{float_repr, range_len, str_repr};
use super::{PyErr, Vm};
use crate::heap::{flags, ObjRef};
use crate::object::{DictViewKind, Obj};

impl Vm {
    pub fn repr_atomic(&self, r: ObjRef) -> String {
        match self.heap.get(r) {
            Obj::None => "None".into(),
            Obj::NotImplemented => "NotImplemented".into(),
            Obj::Bool(true) => "True".into(),
            Obj::Bool(false) => "False".into(),
            Obj::Int(i) => i.to_string(),
            Obj::Big(b) => b.to_string(),
            Obj::Float(f) => float_repr(*f),
            Obj::Str(s) => str_repr(s, self.profile.python),
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

    fn repr_items(
        &mut self,
        items: &[ObjRef],
        out: &mut String,
        active: &mut Vec<ObjRef>,
        depth: u32,
    ) -> Result<(), PyErr> {
        for (i, x) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            self.repr_into(*x, out, active, depth + 1)?;
        }
        Ok(())
    }

    fn repr_into(&mut self, r: ObjRef, out: &mut String, active: &mut Vec<ObjRef>, depth: u32) -> Result<(), PyErr> {
        if depth > self.recursion_limit {
            return Err(PyErr::new(
                "RecursionError",
                "maximum recursion depth exceeded while getting the repr of an object".into(),
            ));
        }
        self.work(1)?;
        match self.heap.get(r) {
            Obj::List(_) | Obj::Dict(_) | Obj::Set(_) => {
                if self.len_of(r).unwrap_or(0) > 0 {
                    self.repr_enter_state();
                }
                if active.contains(&r) {
                    out.push_str(match self.heap.get(r) {
                        Obj::Dict(_) => "{...}",
                        Obj::Set(_) => "set(...)",
                        _ => "[...]",
                    });
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
                    Obj::Set(d) => {
                        let frozen = d.frozen;
                        let items: Vec<ObjRef> = d.iter().map(|(k, _)| k).collect();
                        let name = if frozen { "frozenset" } else { "set" };
                        if items.is_empty() {
                            out.push_str(name);
                            out.push_str("()");
                        } else {
                            if frozen {
                                out.push_str("frozenset(");
                            }
                            out.push('{');
                            self.repr_items(&items, out, active, depth)?;
                            out.push('}');
                            if frozen {
                                out.push(')');
                            }
                        }
                    }
                    _ => {
                        let items = self.seq_items(r);
                        out.push('[');
                        self.repr_items(&items, out, active, depth)?;
                        out.push(']');
                    }
                }
                active.pop();
                Ok(())
            }
            Obj::Tuple(t) => {
                let items = t.to_vec();
                if !items.is_empty() {
                    self.repr_enter_state();
                }
                // a tuple reached again inside itself (through a list) is Py_ReprEnter's "(...)"
                if active.contains(&r) {
                    out.push_str("(...)");
                    return Ok(());
                }
                active.push(r);
                out.push('(');
                self.repr_items(&items, out, active, depth)?;
                if items.len() == 1 {
                    out.push(',');
                }
                out.push(')');
                active.pop();
                Ok(())
            }
            Obj::DictView { dict, kind } => {
                let (d, k) = (*dict, *kind);
                let name = match k {
                    DictViewKind::Keys => "dict_keys",
                    DictViewKind::Values => "dict_values",
                    DictViewKind::Items => "dict_items",
                };
                out.push_str(name);
                out.push_str("([");
                let pairs: Vec<(ObjRef, ObjRef)> = match self.heap.get(d) {
                    Obj::Dict(x) => x.iter().collect(),
                    _ => Vec::new(),
                };
                for (i, (key, v)) in pairs.into_iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    match k {
                        DictViewKind::Keys => self.repr_into(key, out, active, depth + 1)?,
                        DictViewKind::Values => self.repr_into(v, out, active, depth + 1)?,
                        DictViewKind::Items => {
                            out.push('(');
                            self.repr_into(key, out, active, depth + 1)?;
                            out.push_str(", ");
                            self.repr_into(v, out, active, depth + 1)?;
                            out.push(')');
                        }
                    }
                }
                out.push_str("])");
                Ok(())
            }
            Obj::Instance(i) => {
                let is_exc = i.exc.is_some();
                if let Some(res) = self.call_special(r, "__repr__", &[]) {
                    let v = res?;
                    let s = match self.heap.get(v) {
                        Obj::Str(s) => Ok(s.to_string()),
                        _ => {
                            Err(PyErr::type_error(format!("__repr__ returned non-string (type {})", self.type_name(v))))
                        }
                    };
                    self.decref(v);
                    out.push_str(&s?);
                    return Ok(());
                }
                if is_exc {
                    let args = match self.heap.get(r) {
                        Obj::Instance(i) => i.exc.as_ref().map(|e| e.args).unwrap_or(self.empty_tuple),
                        _ => self.empty_tuple,
                    };
                    let items = self.seq_items(args);
                    out.push_str(&self.type_name(r));
                    out.push('(');
                    self.repr_items(&items, out, active, depth)?;
                    out.push(')');
                    return Ok(());
                }
                let cls = self.class_of(r);
                let q = self.class_qualname(cls);
                out.push_str(&format!("<__main__.{q} object at {}>", self.address(r)));
                Ok(())
            }
            Obj::Type(_) => {
                let name = self.class_qualname(r);
                if self.heap.slot(r).is(flags::IMMORTAL) {
                    out.push_str(&format!("<class '{name}'>"));
                } else {
                    out.push_str(&format!("<class '__main__.{name}'>"));
                }
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
                out.push_str(&format!("<function {} at {}>", func.qualname, self.address(r)));
                Ok(())
            }
            Obj::Method { func, this } => {
                let (func, this) = (*func, *this);
                let q = match self.heap.get(func) {
                    Obj::Function(f) => f.qualname.clone(),
                    _ => "?".into(),
                };
                out.push_str(&format!("<bound method {q} of "));
                self.repr_into(this, out, active, depth + 1)?;
                out.push('>');
                Ok(())
            }
            Obj::Generator(g) => {
                out.push_str(&format!("<generator object {} at {}>", g.qualname, self.address(r)));
                Ok(())
            }
            Obj::WeakRef { .. } => {
                let t = self.weakref_target(r);
                if t.is_null() {
                    out.push_str(&format!("<weakref at {}; dead>", self.address(r)));
                } else {
                    out.push_str(&format!(
                        "<weakref at {}; to '{}' at {}>",
                        self.address(r),
                        self.type_name(t),
                        self.address(t)
                    ));
                }
                Ok(())
            }
            Obj::Slice { start, stop, step } => {
                let (a, b, c) = (*start, *stop, *step);
                out.push_str("slice(");
                self.repr_items(&[a, b, c], out, active, depth)?;
                out.push(')');
                Ok(())
            }
            Obj::Range { start, stop, step } => {
                let (a, b, c) = (*start, *stop, *step);
                let _ = range_len(a, b, c);
                if c == 1 {
                    out.push_str(&format!("range({a}, {b})"));
                } else {
                    out.push_str(&format!("range({a}, {b}, {c})"));
                }
                Ok(())
            }
            Obj::None
            | Obj::NotImplemented
            | Obj::Bool(_)
            | Obj::Int(_)
            | Obj::Big(_)
            | Obj::Float(_)
            | Obj::Str(_) => {
                let text = self.repr_atomic(r);
                if matches!(self.heap.get(r), Obj::Big(_)) {
                    check_int_digits(text.trim_start_matches('-').len())?;
                }
                out.push_str(&text);
                Ok(())
            }
            _ => {
                out.push_str(&format!("<{} object at {}>", self.type_name(r), self.address(r)));
                Ok(())
            }
        }
    }

    pub(crate) fn class_qualname(&self, cls: ObjRef) -> std::rc::Rc<str> {
        match self.heap.get(cls) {
            Obj::Type(t) => t.qualname.clone(),
            _ => "?".into(),
        }
    }

    /// str(): the text itself for str, `__str__` of program classes, an
    /// exception's message, repr for the rest.
    pub fn to_str(&mut self, r: ObjRef) -> Result<String, PyErr> {
        match self.heap.get(r) {
            Obj::Str(s) => Ok(s.to_string()),
            Obj::Instance(i) => {
                let exc_args = i.exc.as_ref().map(|e| e.args);
                if let Some(res) = self.call_special(r, "__str__", &[]) {
                    let v = res?;
                    let s = match self.heap.get(v) {
                        Obj::Str(s) => Ok(s.to_string()),
                        _ => {
                            Err(PyErr::type_error(format!("__str__ returned non-string (type {})", self.type_name(v))))
                        }
                    };
                    self.decref(v);
                    return s;
                }
                if self.lookup_special(r, "__repr__").map(|f| self.decref(f)).is_some() {
                    return self.repr(r);
                }
                match exc_args {
                    Some(args) => {
                        let items = self.seq_items(args);
                        let is_key_error = {
                            let ke = self.exc_types["KeyError"];
                            let cls = self.class_of(r);
                            self.is_subclass(cls, ke)
                        };
                        match items.len() {
                            0 => Ok(String::new()),
                            1 if is_key_error => self.repr(items[0]),
                            1 => self.to_str(items[0]),
                            _ => self.repr(args),
                        }
                    }
                    None => self.repr(r),
                }
            }
            _ => self.repr(r),
        }
    }

    /// A plausible 64-bit address for `id()` and default reprs: slots are
    /// reused after a free, as CPython's memory is.
    pub fn address(&self, r: ObjRef) -> String {
        format!("0x{:x}", self.id_of(r))
    }

    /// Objects of different types live in different pools, as CPython's
    /// allocator and free lists keep them: a freed list's address comes back
    /// for the next list, not for a dict.
    pub fn id_of(&self, r: ObjRef) -> u64 {
        let pool = self.heap.tag(r) as u64;
        0x7f00_0000_0000 + (pool << 32) + (r.0 as u64) * 64
    }
}

/// CPython's limit on converting an int to decimal text (sys.int_info's
/// default_max_str_digits), which gcplay keeps at its default.
pub(crate) fn check_int_digits(digits: usize) -> Result<(), PyErr> {
    if digits > 4300 {
        return Err(PyErr::new(
            "ValueError",
            "Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit".into(),
        ));
    }
    Ok(())
}
