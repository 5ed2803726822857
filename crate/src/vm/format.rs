//! Formatting as CPython does it: `format()` and f-string specs
//! (`[[fill]align][sign][#][0][width][,|_][.precision][type]`) and printf-style
//! `%` formatting of strings.

use super::ops::float_repr;
use super::{PyErr, Vm};
use crate::heap::ObjRef;
use crate::object::Obj;
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

impl Vm {
    /// f-string formatting: conversion (1 str, 2 repr, 3 ascii), then the spec.
    pub(crate) fn format_value(&mut self, v: ObjRef, conv: u8, spec: ObjRef) -> Result<ObjRef, PyErr> {
        let spec_s = match spec.is_null() {
            true => String::new(),
            false => match self.heap.get(spec) {
                Obj::Str(s) => s.to_string(),
                _ => String::new(),
            },
        };
        let text = match conv {
            1 => Some(self.to_str(v)?),
            2 => Some(self.repr(v)?),
            3 => Some(ascii(&self.repr(v)?)),
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
        if let Obj::Instance(_) = self.heap.get(v) {
            // the class's __format__, else object's: str(), with an empty spec only
            let arg = self.str(spec);
            let r = self.call_special(v, "__format__", &[arg]);
            self.decref(arg);
            if let Some(r) = r {
                let r = r?;
                let out = match self.heap.get(r) {
                    Obj::Str(t) => Ok(t.to_string()),
                    _ => Err(PyErr::type_error(format!("__format__ must return a str, not {}", self.type_name(r)))),
                };
                self.decref(r);
                return out;
            }
            if !spec.is_empty() {
                let t = self.type_name(v);
                return Err(PyErr::type_error(format!("unsupported format string passed to {t}.__format__")));
            }
        }
        if spec.is_empty() {
            return self.to_str(v);
        }
        let f = Spec::parse(spec).ok_or_else(|| value_error(format!("Invalid format specifier '{spec}'")))?;
        let unknown = |ty: char, of: &str| value_error(format!("Unknown format code '{ty}' for object of type '{of}'"));
        match self.heap.get(v) {
            Obj::Int(_) | Obj::Big(_) | Obj::Bool(_) => {
                let n = self.big_of(v).expect("an int");
                match f.ty {
                    Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') => Ok(f.format_float(super::ops::int_to_float(&n)?)),
                    None | Some('b' | 'c' | 'd' | 'n' | 'o' | 'x' | 'X') => f.format_int(&n),
                    Some(ty) => {
                        let tn = self.type_name(v);
                        Err(unknown(ty, &tn))
                    }
                }
            }
            Obj::Float(x) => match f.ty {
                None | Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%') => Ok(f.format_float(*x)),
                Some(ty) => Err(unknown(ty, "float")),
            },
            Obj::Str(s) => format_str(s, spec),
            _ => {
                let s = self.to_str(v)?;
                format_str(&s, spec)
            }
        }
    }

    pub(crate) fn big_of(&self, v: ObjRef) -> Option<BigInt> {
        match self.heap.get(v) {
            Obj::Int(i) => Some(BigInt::from(*i)),
            Obj::Big(b) => Some((**b).clone()),
            Obj::Bool(b) => Some(BigInt::from(*b as i64)),
            _ => None,
        }
    }

    /// `"%s and %d" % args`.
    pub(crate) fn percent_format(&mut self, fmt: ObjRef, args: ObjRef) -> Result<ObjRef, PyErr> {
        let f: Vec<char> = match self.heap.get(fmt) {
            Obj::Str(s) => s.chars().collect(),
            _ => unreachable!("checked by caller"),
        };
        // A tuple gives the values in order; anything else is the one value,
        // and a mapping (not a str) also serves `%(key)s`.
        let (values, mapping) = match self.heap.get(args) {
            Obj::Tuple(t) => (t.to_vec(), None),
            Obj::Dict(_) | Obj::List(_) => (vec![args], Some(args)),
            _ => (vec![args], None),
        };
        let mut next = 0;
        let mut out = String::new();
        let mut i = 0;
        while i < f.len() {
            if f[i] != '%' {
                out.push(f[i]);
                i += 1;
                continue;
            }
            let start = i;
            i += 1;
            let incomplete = || value_error("incomplete format".into());
            let mut key = None;
            if f.get(i) == Some(&'(') {
                let mut depth = 1;
                let mut j = i + 1;
                while j < f.len() && depth > 0 {
                    depth += match f[j] {
                        '(' => 1,
                        ')' => -1,
                        _ => 0,
                    };
                    j += 1;
                }
                if depth > 0 {
                    return Err(value_error("incomplete format key".into()));
                }
                key = Some(f[i + 1..j - 1].iter().collect::<String>());
                i = j;
            }
            let mut p = Printf::default();
            while let Some(&c) = f.get(i) {
                match c {
                    '-' => p.left = true,
                    '+' => p.sign = Some('+'),
                    ' ' => p.sign = p.sign.or(Some(' ')),
                    '#' => p.alt = true,
                    '0' => p.zero = true,
                    _ => break,
                }
                i += 1;
            }
            if f.get(i) == Some(&'*') {
                let w = self.star_arg(&values, &mut next)?;
                p.left |= w < 0;
                p.width = w.unsigned_abs() as usize;
                i += 1;
            } else {
                p.width = digits(&f, &mut i);
            }
            if f.get(i) == Some(&'.') {
                i += 1;
                p.precision = Some(if f.get(i) == Some(&'*') {
                    i += 1;
                    self.star_arg(&values, &mut next)?.max(0) as usize
                } else {
                    digits(&f, &mut i)
                });
            }
            while matches!(f.get(i), Some('h' | 'l' | 'L')) {
                i += 1;
            }
            let conv = *f.get(i).ok_or_else(incomplete)?;
            i += 1;
            if conv == '%' && i == start + 2 {
                out.push('%');
                continue;
            }
            // the value comes before the conversion is checked, as in CPython
            let (v, owned) = match &key {
                Some(k) => {
                    let Some(m) = mapping else { return Err(PyErr::type_error("format requires a mapping".into())) };
                    let k = self.str(k);
                    let r = self.getitem(m, k);
                    self.decref(k);
                    (r?, true)
                }
                None => {
                    let v = *values
                        .get(next)
                        .ok_or_else(|| PyErr::type_error("not enough arguments for format string".into()))?;
                    next += 1;
                    (v, false)
                }
            };
            let r = self.printf_one(&p, conv, v, i - 1);
            if owned {
                self.decref(v);
            }
            out.push_str(&r?);
        }
        if next < values.len() && mapping.is_none() {
            return Err(PyErr::type_error("not all arguments converted during string formatting".into()));
        }
        Ok(self.str(&out))
    }

    /// A `*` width or precision: the next value, an int.
    fn star_arg(&mut self, values: &[ObjRef], next: &mut usize) -> Result<i64, PyErr> {
        let v = *values.get(*next).ok_or_else(|| PyErr::type_error("not enough arguments for format string".into()))?;
        *next += 1;
        match self.heap.get(v) {
            Obj::Int(n) => Ok(*n),
            Obj::Bool(b) => Ok(*b as i64),
            _ => Err(PyErr::type_error("* wants int".into())),
        }
    }

    /// One `%` conversion of `v`; `at` is the conversion character's index.
    fn printf_one(&mut self, p: &Printf, conv: char, v: ObjRef, at: usize) -> Result<String, PyErr> {
        let spec = |ty: char| Spec {
            fill: ' ',
            align: p.left.then_some('<'),
            sign: p.sign,
            alt: p.alt,
            zero: p.zero && !p.left,
            width: p.width,
            grouping: None,
            precision: Some(p.precision.unwrap_or(6)),
            ty: Some(ty),
        };
        let text = |s: String| {
            let s: String = match p.precision {
                Some(n) => s.chars().take(n).collect(),
                None => s,
            };
            pad_text(s, p.width, p.left)
        };
        match conv {
            's' => Ok(text(self.to_str(v)?)),
            'r' => Ok(text(self.repr(v)?)),
            'a' => Ok(text(ascii(&self.repr(v)?))),
            'c' => {
                let c = match self.heap.get(v) {
                    Obj::Int(_) | Obj::Bool(_) => {
                        char::from_u32(self.big_of(v).and_then(|n| n.to_u32()).unwrap_or(u32::MAX))
                            .ok_or_else(|| PyErr::new("OverflowError", "%c arg not in range(0x110000)".into()))?
                    }
                    Obj::Str(s) if s.chars().count() == 1 => s.chars().next().expect("one char"),
                    _ => return Err(PyErr::type_error("%c requires int or char".into())),
                };
                Ok(pad_text(c.to_string(), p.width, p.left))
            }
            'd' | 'i' | 'u' | 'x' | 'X' | 'o' => {
                let n = match self.heap.get(v) {
                    Obj::Float(x) if matches!(conv, 'd' | 'i' | 'u') => {
                        if x.is_nan() {
                            return Err(value_error("cannot convert float NaN to integer".into()));
                        }
                        if x.is_infinite() {
                            return Err(PyErr::new("OverflowError", "cannot convert float infinity to integer".into()));
                        }
                        num_traits::FromPrimitive::from_f64(x.trunc()).unwrap_or_default()
                    }
                    _ => match self.big_of(v) {
                        Some(n) => n,
                        None => {
                            let what = if matches!(conv, 'd' | 'i' | 'u') { "a real number" } else { "an integer" };
                            let tn = self.type_name(v);
                            return Err(PyErr::type_error(format!("%{conv} format: {what} is required, not {tn}")));
                        }
                    },
                };
                let mut s = spec(if conv == 'u' || conv == 'i' { 'd' } else { conv });
                s.precision = None;
                let mut digits = s.digits(&n);
                if matches!(conv, 'd' | 'i' | 'u') {
                    super::repr::check_int_digits(digits.bytes().filter(u8::is_ascii_digit).count())?;
                }
                if let Some(min) = p.precision {
                    let len = digits.chars().count();
                    if len < min {
                        digits.insert_str(0, &"0".repeat(min - len));
                    }
                }
                Ok(s.pad(&digits, n.is_negative(), s.prefix(), '>'))
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                let x = match self.heap.get(v) {
                    Obj::Float(x) => *x,
                    _ => match self.big_of(v) {
                        Some(n) => super::ops::int_to_float(&n)?,
                        None => {
                            let tn = self.type_name(v);
                            return Err(PyErr::type_error(format!("must be real number, not {tn}")));
                        }
                    },
                };
                Ok(spec(conv).format_float(x))
            }
            other => {
                Err(value_error(format!("unsupported format character '{other}' (0x{:x}) at index {at}", other as u32)))
            }
        }
    }
}

fn value_error(msg: String) -> PyErr {
    PyErr::new("ValueError", msg)
}

fn digits(f: &[char], i: &mut usize) -> usize {
    let mut n = 0usize;
    while let Some(d) = f.get(*i).and_then(|c| c.to_digit(10)) {
        n = n.saturating_mul(10).saturating_add(d as usize);
        *i += 1;
    }
    n
}

fn pad_text(s: String, width: usize, left: bool) -> String {
    let len = s.chars().count();
    if len >= width {
        return s;
    }
    let fill = " ".repeat(width - len);
    if left {
        s + &fill
    } else {
        fill + &s
    }
}

/// ascii(): a repr with every non-ASCII character escaped.
pub fn ascii(repr: &str) -> String {
    let mut out = String::with_capacity(repr.len());
    for c in repr.chars() {
        match c as u32 {
            0..=0x7f => out.push(c),
            n @ 0x80..=0xff => out.push_str(&format!("\\x{n:02x}")),
            n @ 0x100..=0xffff => out.push_str(&format!("\\u{n:04x}")),
            n => out.push_str(&format!("\\U{n:08x}")),
        }
    }
    out
}

/// The flags of one `%` conversion.
#[derive(Default)]
struct Printf {
    left: bool,
    sign: Option<char>,
    alt: bool,
    zero: bool,
    width: usize,
    precision: Option<usize>,
}

/// A parsed format spec: [[fill]align][sign][#][0][width][,|_][.precision][type].
#[derive(Clone, Copy)]
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

    /// Sign, then `prefix` (0x, ...), then `body`, padded to the width: zeros
    /// go between the prefix and the body.
    fn pad(&self, body: &str, negative: bool, prefix: &str, default_align: char) -> String {
        let sign = if negative {
            "-"
        } else {
            match self.sign {
                Some('+') => "+",
                Some(' ') => " ",
                _ => "",
            }
        };
        let len = body.chars().count() + sign.len() + prefix.len();
        if self.width <= len {
            return format!("{sign}{prefix}{body}");
        }
        let pad = self.width - len;
        let (fill, align) = if self.zero && self.align.is_none() {
            // numbers pad with zeros after the sign; text (left-aligned) with trailing zeros
            ('0', if default_align == '<' { '<' } else { '=' })
        } else {
            (self.fill, self.align.unwrap_or(default_align))
        };
        let f = |n: usize| fill.to_string().repeat(n);
        match align {
            '<' => format!("{sign}{prefix}{body}{}", f(pad)),
            '^' => format!("{}{sign}{prefix}{body}{}", f(pad / 2), f(pad - pad / 2)),
            '=' => format!("{sign}{prefix}{}{body}", f(pad)),
            _ => format!("{}{sign}{prefix}{body}", f(pad)),
        }
    }

    fn group(&self, digits: &str) -> String {
        let Some(g) = self.grouping else { return digits.to_string() };
        // hex, octal and binary digits group by four with '_'
        let size = if matches!(self.ty, Some('x' | 'X' | 'o' | 'b')) { 4 } else { 3 };
        let n = digits.chars().count();
        let mut out = String::new();
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (n - i) % size == 0 {
                out.push(g);
            }
            out.push(ch);
        }
        out
    }

    fn prefix(&self) -> &'static str {
        match (self.alt, self.ty) {
            (true, Some('x')) => "0x",
            (true, Some('X')) => "0X",
            (true, Some('o')) => "0o",
            (true, Some('b')) => "0b",
            _ => "",
        }
    }

    /// The digits of |n| in the spec's base, grouped.
    fn digits(&self, n: &BigInt) -> String {
        let a = n.abs();
        let s = match self.ty {
            Some('x') => a.to_str_radix(16),
            Some('X') => a.to_str_radix(16).to_ascii_uppercase(),
            Some('o') => a.to_str_radix(8),
            Some('b') => a.to_str_radix(2),
            _ => a.to_string(),
        };
        self.group(&s)
    }

    fn format_int(&self, n: &BigInt) -> Result<String, PyErr> {
        if self.precision.is_some() {
            return Err(value_error("Precision not allowed in integer format specifier".into()));
        }
        if self.ty == Some('c') {
            let Some(n) = n.to_i64() else {
                return Err(PyErr::new("OverflowError", "Python int too large to convert to C long".into()));
            };
            let c = u32::try_from(n)
                .ok()
                .and_then(char::from_u32)
                .ok_or_else(|| PyErr::new("OverflowError", "%c arg not in range(0x110000)".into()))?;
            return Ok(self.pad(&c.to_string(), false, "", '>'));
        }
        let digits = self.digits(n);
        if matches!(self.ty, None | Some('d' | 'n')) {
            // decimal text is bounded as str(int) is
            super::repr::check_int_digits(digits.bytes().filter(u8::is_ascii_digit).count())?;
        }
        Ok(self.pad(&digits, n.is_negative() && !n.is_zero(), self.prefix(), '>'))
    }

    fn format_float(&self, x: f64) -> String {
        let upper = matches!(self.ty, Some('E' | 'F' | 'G'));
        let negative = x.is_sign_negative() && !x.is_nan();
        let a = x.abs();
        let body = if !a.is_finite() {
            let s = if a.is_nan() { "nan" } else { "inf" };
            let s = if upper { s.to_ascii_uppercase() } else { s.to_string() };
            if self.ty == Some('%') {
                s + "%"
            } else {
                s
            }
        } else {
            let body = match self.ty {
                Some('f' | 'F') => self.fixed(a, self.precision.unwrap_or(6)),
                Some('%') => self.fixed(a * 100.0, self.precision.unwrap_or(6)) + "%",
                Some('e' | 'E') => self.scientific(a, self.precision.unwrap_or(6), self.alt),
                Some('g' | 'G' | 'n') => self.general(a, self.precision.unwrap_or(6), false),
                _ => match self.precision {
                    Some(p) => self.general(a, p, true),
                    None => self.group_float(&float_repr(a)),
                },
            };
            if upper {
                body.to_ascii_uppercase()
            } else {
                body
            }
        };
        self.pad(&body, negative, "", '>')
    }

    /// `f`: p decimals (a point with none only under `#`).
    fn fixed(&self, a: f64, p: usize) -> String {
        let s = format!("{a:.p$}");
        let s = if p == 0 && self.alt { s + "." } else { s };
        self.group_float(&s)
    }

    /// `e`: one digit, p decimals, a signed exponent of two digits at least.
    fn scientific(&self, a: f64, p: usize, point: bool) -> String {
        let s = format!("{a:.p$e}");
        let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
        let ev: i32 = e.parse().unwrap_or(0);
        let m = if p == 0 && point { format!("{m}.") } else { m.to_string() };
        format!("{m}e{}{:02}", if ev < 0 { '-' } else { '+' }, ev.abs())
    }

    /// `g`: p significant digits, fixed or scientific by the exponent, trailing
    /// zeros dropped unless `#`; with no type, fixed keeps one decimal.
    fn general(&self, a: f64, p: usize, no_type: bool) -> String {
        let p = p.max(1);
        let s = format!("{a:.*e}", p - 1);
        let ev: i32 = s.split_once('e').and_then(|(_, e)| e.parse().ok()).unwrap_or(0);
        let strip = |s: String| {
            if self.alt || !s.contains('.') {
                s
            } else {
                s.trim_end_matches('0').trim_end_matches('.').to_string()
            }
        };
        // with no type, scientific from one digit sooner: fixed keeps a decimal
        if ev < -4 || ev >= p as i32 - i32::from(no_type) {
            let full = self.scientific(a, p - 1, self.alt);
            let (m, e) = full.split_once('e').unwrap_or((&full, ""));
            format!("{}e{e}", strip(m.to_string()))
        } else {
            let decimals = (p as i32 - 1 - ev).max(0) as usize;
            let s = format!("{a:.decimals$}");
            let s = if self.alt && !s.contains('.') { s + "." } else { strip(s) };
            let s = if no_type && !s.contains('.') { s + ".0" } else { s };
            self.group_float(&s)
        }
    }

    /// Grouping applies to the integer part of a fixed-point number.
    fn group_float(&self, s: &str) -> String {
        if self.grouping.is_none() || s.contains('e') {
            return s.to_string();
        }
        match s.split_once('.') {
            Some((int, frac)) => format!("{}.{frac}", self.group(int)),
            None => self.group(s),
        }
    }
}

pub(super) fn format_str(s: &str, spec: &str) -> Result<String, PyErr> {
    if spec.is_empty() {
        return Ok(s.to_string());
    }
    let f = Spec::parse(spec).ok_or_else(|| value_error(format!("Invalid format specifier '{spec}'")))?;
    if let Some(ty) = f.ty.filter(|&t| t != 's') {
        return Err(value_error(format!("Unknown format code '{ty}' for object of type 'str'")));
    }
    match f.sign {
        Some(' ') => return Err(value_error("Space not allowed in string format specifier".into())),
        Some(_) => return Err(value_error("Sign not allowed in string format specifier".into())),
        None => {}
    }
    if let Some(g) = f.grouping {
        return Err(value_error(format!("Cannot specify '{g}' with 's'.")));
    }
    if f.align == Some('=') {
        return Err(value_error("'=' alignment not allowed in string format specifier".into()));
    }
    let body: String = match f.precision {
        Some(p) => s.chars().take(p).collect(),
        None => s.to_string(),
    };
    Ok(f.pad(&body, false, "", '<'))
}
