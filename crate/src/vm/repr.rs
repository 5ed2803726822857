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
                out.push('(');
                self.repr_items(&items, out, active, depth)?;
                if items.len() == 1 {
                    out.push(',');
                }
                out.push(')');
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
            Obj::WeakRef { target, .. } => {
                let t = *target;
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
                out.push_str(&self.repr_atomic(r));
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

    /// f-string formatting: conversion (1 str, 2 repr, 3 ascii), then the spec.
    pub(crate) fn format_value(&mut self, v: ObjRef, conv: u8, spec: ObjRef) -> Result<ObjRef, PyErr> {
        let spec_s = if spec.is_null() {
            String::new()
        } else {
            match self.heap.get(spec) {
                Obj::Str(s) => s.to_string(),
                _ => String::new(),
            }
        };
        let text = match conv {
            1 => Some(self.to_str(v)?),
            2 | 3 => Some(self.repr(v)?),
            _ => None,
        };
        let out = match text {
            Some(t) => format_str(&t, &spec_s)?,
            None => self.format_object(v, &spec_s)?,
        };
        Ok(self.str(&out))
    }

    /// format(v, spec) for the built-in types.
    pub(crate) fn format_object(&mut self, v: ObjRef, spec: &str) -> Result<String, PyErr> {
        if spec.is_empty() {
            return self.to_str(v);
        }
        let f =
            Spec::parse(spec).ok_or_else(|| PyErr::new("ValueError", format!("Invalid format specifier '{spec}'")))?;
        match self.heap.get(v) {
            Obj::Int(_) | Obj::Big(_) | Obj::Bool(_) => {
                let n = match self.heap.get(v) {
                    Obj::Int(i) => num_bigint::BigInt::from(*i),
                    Obj::Big(b) => (**b).clone(),
                    Obj::Bool(b) => num_bigint::BigInt::from(*b as i64),
                    _ => unreachable!(),
                };
                if matches!(f.ty, Some('f') | Some('e') | Some('%') | Some('g')) {
                    use num_traits::ToPrimitive;
                    return Ok(f.format_float(n.to_f64().unwrap_or(f64::INFINITY)));
                }
                Ok(f.format_int(&n))
            }
            Obj::Float(x) => Ok(f.format_float(*x)),
            Obj::Str(s) => format_str(s, spec),
            _ => {
                let s = self.to_str(v)?;
                format_str(&s, spec)
            }
        }
    }

    /// `"%s and %d" % args`.
    pub(crate) fn percent_format(&mut self, fmt: ObjRef, args: ObjRef) -> Result<ObjRef, PyErr> {
        let f = match self.heap.get(fmt) {
            Obj::Str(s) => s.clone(),
            _ => unreachable!("checked by caller"),
        };
        let values: Vec<ObjRef> = match self.heap.get(args) {
            Obj::Tuple(t) => t.to_vec(),
            _ => vec![args],
        };
        let mut out = String::new();
        let mut vi = 0;
        let mut chars = f.chars().peekable();
        while let Some(c) = chars.next() {
            if c != '%' {
                out.push(c);
                continue;
            }
            let mut spec = String::new();
            while let Some(&d) = chars.peek() {
                if d.is_ascii_digit() || d == '.' || d == '-' || d == '+' || d == ' ' || d == '0' {
                    spec.push(d);
                    chars.next();
                } else {
                    break;
                }
            }
            let Some(conv) = chars.next() else {
                return Err(PyErr::new("ValueError", "incomplete format".into()));
            };
            if conv == '%' {
                out.push('%');
                continue;
            }
            let Some(&v) = values.get(vi) else {
                return Err(PyErr::type_error("not enough arguments for format string".into()));
            };
            vi += 1;
            let text = match conv {
                's' => self.to_str(v)?,
                'r' => self.repr(v)?,
                'd' | 'i' => self.format_object(v, "d").or_else(|_| self.to_str(v))?,
                'f' | 'e' | 'g' | 'x' | 'o' | 'X' => {
                    let spec2 = format!("{}{}", spec.trim_start_matches(['-', '+', ' ']), conv);
                    let s = self.format_object(v, &spec2)?;
                    spec.clear();
                    s
                }
                other => return Err(PyErr::new("ValueError", format!("unsupported format character '{other}'"))),
            };
            let width: usize =
                spec.trim_start_matches(['-', '+', ' ', '0']).split('.').next().unwrap_or("").parse().unwrap_or(0);
            let padded = if spec.starts_with('-') { format!("{text:<width$}") } else { format!("{text:>width$}") };
            out.push_str(&padded);
        }
        if vi < values.len() && matches!(self.heap.get(args), Obj::Tuple(_)) {
            return Err(PyErr::type_error("not all arguments converted during string formatting".into()));
        }
        Ok(self.str(&out))
    }
}

/// A parsed format spec: [[fill]align][sign][#][0][width][,|_][.precision][type].
struct Spec {
    fill: char,
    align: Option<char>,
    sign: Option<char>,
    alt: bool,
    zero: bool,
    width: usize,
    grouping: Option<char>,
    precision: Option<usize>,
    ty: Option<char>,
}

impl Spec {
    fn parse(s: &str) -> Option<Spec> {
        let c: Vec<char> = s.chars().collect();
        let mut i = 0;
        let mut spec = Spec {
            fill: ' ',
            align: None,
            sign: None,
            alt: false,
            zero: false,
            width: 0,
            grouping: None,
            precision: None,
            ty: None,
        };
        let is_align = |ch: char| matches!(ch, '<' | '>' | '^' | '=');
        if c.len() >= 2 && is_align(c[1]) {
            spec.fill = c[0];
            spec.align = Some(c[1]);
            i = 2;
        } else if !c.is_empty() && is_align(c[0]) {
            spec.align = Some(c[0]);
            i = 1;
        }
        if i < c.len() && matches!(c[i], '+' | '-' | ' ') {
            spec.sign = Some(c[i]);
            i += 1;
        }
        if i < c.len() && c[i] == '#' {
            spec.alt = true;
            i += 1;
        }
        if i < c.len() && c[i] == '0' {
            spec.zero = true;
            i += 1;
        }
        let start = i;
        while i < c.len() && c[i].is_ascii_digit() {
            i += 1;
        }
        if i > start {
            spec.width = c[start..i].iter().collect::<String>().parse().ok()?;
        }
        if i < c.len() && matches!(c[i], ',' | '_') {
            spec.grouping = Some(c[i]);
            i += 1;
        }
        if i < c.len() && c[i] == '.' {
            i += 1;
            let start = i;
            while i < c.len() && c[i].is_ascii_digit() {
                i += 1;
            }
            spec.precision = Some(c[start..i].iter().collect::<String>().parse().ok()?);
        }
        if i < c.len() {
            spec.ty = Some(c[i]);
            i += 1;
        }
        if i != c.len() {
            return None;
        }
        Some(spec)
    }

    fn pad(&self, body: String, negative: bool, default_align: char) -> String {
        let sign = if negative {
            "-"
        } else {
            match self.sign {
                Some('+') => "+",
                Some(' ') => " ",
                _ => "",
            }
        };
        let len = body.chars().count() + sign.len();
        if self.width <= len {
            return format!("{sign}{body}");
        }
        let pad = self.width - len;
        let (fill, align) = if self.zero && self.align.is_none() {
            ('0', '=')
        } else {
            (self.fill, self.align.unwrap_or(default_align))
        };
        let f = |n: usize| fill.to_string().repeat(n);
        match align {
            '<' => format!("{sign}{body}{}", f(pad)),
            '^' => format!("{}{sign}{body}{}", f(pad / 2), f(pad - pad / 2)),
            '=' => format!("{sign}{}{body}", f(pad)),
            _ => format!("{}{sign}{body}", f(pad)),
        }
    }

    fn group(&self, digits: &str) -> String {
        let Some(g) = self.grouping else { return digits.to_string() };
        let mut out = String::new();
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(g);
            }
            out.push(ch);
        }
        out
    }

    fn format_int(&self, n: &num_bigint::BigInt) -> String {
        use num_traits::Signed;
        let neg = n.is_negative();
        let a = n.abs();
        let body = match self.ty {
            Some('x') => format!("{}{:x}", if self.alt { "0x" } else { "" }, a),
            Some('X') => format!("{}{:X}", if self.alt { "0X" } else { "" }, a),
            Some('o') => format!("{}{:o}", if self.alt { "0o" } else { "" }, a),
            Some('b') => format!("{}{:b}", if self.alt { "0b" } else { "" }, a),
            _ => self.group(&a.to_string()),
        };
        self.pad(body, neg, '>')
    }

    fn format_float(&self, x: f64) -> String {
        let neg = x.is_sign_negative() && x != 0.0 || (x == 0.0 && x.is_sign_negative());
        let a = x.abs();
        let body = match self.ty {
            Some('f') | Some('F') => {
                let p = self.precision.unwrap_or(6);
                let s = format!("{a:.p$}");
                let (int, frac) =
                    s.split_once('.').map(|(i, f)| (i.to_string(), Some(f.to_string()))).unwrap_or((s.clone(), None));
                match frac {
                    Some(f) => format!("{}.{f}", self.group(&int)),
                    None => self.group(&int),
                }
            }
            Some('e') => {
                let p = self.precision.unwrap_or(6);
                let s = format!("{a:.p$e}");
                let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
                let ev: i32 = e.parse().unwrap_or(0);
                format!("{m}e{}{:02}", if ev < 0 { '-' } else { '+' }, ev.abs())
            }
            Some('%') => {
                let p = self.precision.unwrap_or(6);
                format!("{:.p$}%", a * 100.0)
            }
            Some('g') | None if self.precision.is_some() => {
                let p = self.precision.unwrap_or(6).max(1);
                let s = format!("{a:.*e}", p - 1);
                let (_, e) = s.split_once('e').unwrap_or(("", "0"));
                let ev: i32 = e.parse().unwrap_or(0);
                if ev < -4 || ev >= p as i32 {
                    let m = s
                        .split_once('e')
                        .map(|(m, _)| m.trim_end_matches('0').trim_end_matches('.').to_string())
                        .unwrap_or_default();
                    format!("{m}e{}{:02}", if ev < 0 { '-' } else { '+' }, ev.abs())
                } else {
                    let decimals = (p as i32 - 1 - ev).max(0) as usize;
                    let s = format!("{a:.decimals$}");
                    if s.contains('.') && self.ty == Some('g') {
                        s.trim_end_matches('0').trim_end_matches('.').to_string()
                    } else {
                        s
                    }
                }
            }
            _ => float_repr(a),
        };
        self.pad(body, neg && x != 0.0 || (x == 0.0 && x.is_sign_negative()), '>')
    }
}

fn format_str(s: &str, spec: &str) -> Result<String, PyErr> {
    if spec.is_empty() {
        return Ok(s.to_string());
    }
    let f = Spec::parse(spec).ok_or_else(|| PyErr::new("ValueError", format!("Invalid format specifier '{spec}'")))?;
    let body: String = match f.precision {
        Some(p) => s.chars().take(p).collect(),
        None => s.to_string(),
    };
    Ok(f.pad(body, false, '<'))
}
