//! Built-in functions, module functions, constructors and the methods of built-in types.

use super::eval::Resume;
use super::ops::range_len;
use super::unicode;
use super::{PyErr, Vm, MAX_OUTPUT};
use crate::dict::Dict;
use crate::heap::{flags, ObjRef};
use crate::object::{Builtin, DictViewKind, IterState, Obj, TypeTag};
use crate::trace::Event;
use std::rc::Rc;

type Kw<'a> = &'a [(Rc<str>, ObjRef)];

impl Vm {
    fn no_kwargs(&self, f: Builtin, kwargs: Kw) -> Result<(), PyErr> {
        if kwargs.is_empty() {
            Ok(())
        } else {
            Err(PyErr::type_error(format!("{}() takes no keyword arguments", f.name())))
        }
    }

    fn arity(&self, f: Builtin, args: &[ObjRef], min: usize, max: usize) -> Result<(), PyErr> {
        let n = args.len();
        if n >= min && n <= max {
            return Ok(());
        }
        let name = f.name();
        Err(PyErr::type_error(if min == max {
            match min {
                0 => format!("{name}() takes no arguments ({n} given)"),
                1 => format!("{name}() takes exactly one argument ({n} given)"),
                _ => format!("{name} expected {min} arguments, got {n}"),
            }
        } else if n < min {
            format!("{name} expected at least {min} argument{}, got {n}", if min == 1 { "" } else { "s" })
        } else {
            format!("{name} expected at most {max} argument{}, got {n}", if max == 1 { "" } else { "s" })
        }))
    }

    /// The checks CPython's calling conventions make before a method runs:
    /// METH_NOARGS and METH_O take no keywords and a fixed count, and the
    /// other methods gcplay has that take no keywords say so; the message
    /// names the receiver's type ("list.append() takes exactly one argument").
    fn method_call_shape(
        &self,
        f: Builtin,
        this: ObjRef,
        rest: &[ObjRef],
        kwargs: Kw,
        bound: bool,
    ) -> Result<(), PyErr> {
        use Builtin as B;
        let fixed = match f {
            B::ListClear
            | B::ListReverse
            | B::ListCopy
            | B::DictKeys
            | B::DictValues
            | B::DictItems
            | B::DictClear
            | B::DictCopy
            | B::DictPopitem
            | B::SetPop
            | B::SetClear
            | B::SetCopy
            | B::StrUpper
            | B::StrLower
            | B::StrIsdigit
            | B::StrIsalpha
            | B::StrIsalnum
            | B::StrIsdecimal
            | B::StrIsnumeric
            | B::StrIsspace
            | B::StrIsupper
            | B::StrIslower
            | B::StrIstitle
            | B::StrIsprintable
            | B::StrSwapcase
            | B::StrTitle
            | B::StrCapitalize
            | B::StrIsascii
            | B::IntBitLength
            | B::IntBitCount
            | B::FloatIsInteger => Some(0),
            B::ListAppend
            | B::ListExtend
            | B::ListRemove
            | B::ListCount
            | B::SetAdd
            | B::SetDiscard
            | B::SetRemove
            | B::SetSymmetricDifference
            | B::SetSymmetricDifferenceUpdate
            | B::SetIssubset
            | B::SetIssuperset
            | B::SetIsdisjoint
            | B::StrJoin
            | B::StrZfill
            | B::StrPartition
            | B::StrRpartition
            | B::StrRemoveprefix
            | B::StrRemovesuffix
            | B::TupleCount => Some(1),
            _ => None,
        };
        // methods without keywords, and whether 3.12 names their type too
        let no_keywords = match f {
            _ if fixed.is_some() => Some(true),
            B::ListPop
            | B::ListInsert
            | B::ListIndex
            | B::DictGet
            | B::DictPop
            | B::DictSetdefault
            | B::StrStrip
            | B::StrLstrip
            | B::StrRstrip
            | B::StrRjust
            | B::StrLjust
            | B::StrCenter
            | B::TupleIndex => Some(true),
            B::SetUnion
            | B::SetIntersection
            | B::SetDifference
            | B::SetUpdate
            | B::SetIntersectionUpdate
            | B::SetDifferenceUpdate
            | B::StrStartswith
            | B::StrEndswith
            | B::StrFind
            | B::StrIndex
            | B::StrRfind
            | B::StrRindex
            | B::StrCount => Some(false),
            _ => None,
        };
        let name = || format!("{}.{}", self.type_name(this), f.name());
        if let (Some(qualified), false) = (no_keywords, kwargs.is_empty()) {
            // 3.12's METH_VARARGS methods called bound name only the method
            let plain = !qualified && bound && self.profile.python == crate::profile::Python::P312;
            let name = if plain { f.name().to_string() } else { name() };
            return Err(PyErr::type_error(format!("{name}() takes no keyword arguments")));
        }
        match fixed {
            Some(0) if !rest.is_empty() => {
                return Err(PyErr::type_error(format!("{}() takes no arguments ({} given)", name(), rest.len())))
            }
            Some(1) if rest.len() != 1 => {
                return Err(PyErr::type_error(format!(
                    "{}() takes exactly one argument ({} given)",
                    name(),
                    rest.len()
                )))
            }
            _ => {}
        }
        self.method_positional_count(f, rest.len(), kwargs.len())?;
        // optional arguments gcplay does not model: refused, not ignored
        let unmodelled = match f {
            B::ListIndex | B::TupleIndex if rest.len() > 1 => Some("start and stop"),
            B::StrReplace if rest.len() > 2 || !kwargs.is_empty() => Some("count"),
            _ => None,
        };
        if let Some(what) = unmodelled {
            return Err(PyErr::refusal(&format!("the {what} arguments of {}()", name())));
        }
        self.str_method_arg_types(f, rest)
    }

    /// The TypeErrors CPython's str methods raise for arguments of the wrong
    /// type, before they look at the string.
    fn str_method_arg_types(&self, f: Builtin, rest: &[ObjRef]) -> Result<(), PyErr> {
        use Builtin as B;
        let is_str = |r: ObjRef| matches!(self.heap.get(r), Obj::Str(_));
        let tn = |r: ObjRef| self.type_name(r);
        // the argument clinic's _PyArg_BadArgument says "not None" for None
        let clinic_tn = |r: ObjRef| if r == self.none { "None".into() } else { self.type_name(r) };
        let name = f.name();
        let first = rest.first().copied();
        let p313 = self.profile.python == crate::profile::Python::P313;
        // start and end must be ints or None (_PyEval_SliceIndex)
        let bad_slice = rest.iter().skip(1).take(2).any(|&r| r != self.none && self.index_of(r).is_none());
        let slice_msg = || Some("slice indices must be integers or None or have an __index__ method".to_string());
        let msg = match f {
            // 3.12 converts start and end first, 3.13's clinic the substring
            B::StrFind | B::StrIndex | B::StrCount | B::StrRfind | B::StrRindex if !p313 && bad_slice => slice_msg(),
            B::StrFind | B::StrIndex | B::StrCount | B::StrRfind | B::StrRindex => match first {
                Some(a) if !is_str(a) => Some(if self.profile.python == crate::profile::Python::P313 {
                    format!("{name}() argument 1 must be str, not {}", clinic_tn(a))
                } else {
                    format!("must be str, not {}", tn(a))
                }),
                _ => None,
            },
            B::StrRemoveprefix | B::StrRemovesuffix => match first {
                Some(a) if !is_str(a) => Some(format!("{name}() argument must be str, not {}", clinic_tn(a))),
                _ => None,
            },
            B::StrStrip | B::StrLstrip | B::StrRstrip => match first {
                Some(a) if !is_str(a) && a != self.none => Some(format!("{name} arg must be None or str")),
                _ => None,
            },
            // maxsplit is converted before sep
            B::StrSplit | B::StrRsplit if rest.get(1).is_some_and(|&m| self.index_of(m).is_none()) => {
                rest.get(1).map(|&m| format!("'{}' object cannot be interpreted as an integer", tn(m)))
            }
            B::StrSplit | B::StrRsplit => match first {
                Some(a) if !is_str(a) && a != self.none => Some(format!("must be str or None, not {}", tn(a))),
                _ => None,
            },
            B::StrReplace => rest
                .iter()
                .take(2)
                .enumerate()
                .find(|&(_, &a)| !is_str(a))
                .map(|(i, &a)| format!("replace() argument {} must be str, not {}", i + 1, clinic_tn(a))),
            // start and end are converted before the prefix is looked at
            B::StrStartswith | B::StrEndswith if bad_slice => slice_msg(),
            B::StrCenter | B::StrLjust | B::StrRjust => match (first.and_then(|w| self.index_of(w)), rest.get(1)) {
                (Some(_), Some(&fill)) => match self.heap.get(fill) {
                    Obj::Str(c) if c.chars().count() == 1 => None,
                    Obj::Str(_) => Some("The fill character must be exactly one character long".to_string()),
                    _ => Some(format!("The fill character must be a unicode character, not {}", tn(fill))),
                },
                _ => None,
            },
            _ => None,
        };
        msg.map_or(Ok(()), |m| Err(PyErr::type_error(m)))
    }

    /// The positional counts CPython checks for the methods with optional
    /// arguments, in each version's words: `_PyArg_CheckPositional` ("strip
    /// expected at most 1 argument, got 2") or the argument clinic's
    /// ("split() takes at most 2 arguments (3 given)").
    fn method_positional_count(&self, f: Builtin, n: usize, nkw: usize) -> Result<(), PyErr> {
        use Builtin as B;
        let p313 = self.profile.python == crate::profile::Python::P313;
        let plural = |k: usize| if k == 1 { "argument" } else { "arguments" };
        let name = f.name();
        if f == B::ListSort && n > 0 {
            return Err(PyErr::type_error(if n + nkw > 2 {
                format!("sort() takes at most 2 arguments ({} given)", n + nkw)
            } else {
                "sort() takes no positional arguments".to_string()
            }));
        }
        // (min, max, checked as _PyArg_CheckPositional)
        let (min, max, check_positional) = match f {
            B::StrStrip | B::StrLstrip | B::StrRstrip | B::DictUpdate => (0, 1, true),
            B::StrCenter | B::StrLjust | B::StrRjust => (1, 2, true),
            B::StrSplit | B::StrRsplit => (0, 2, false),
            B::StrSplitlines => (0, 1, false),
            B::StrFind | B::StrIndex | B::StrRfind | B::StrRindex | B::StrCount | B::StrStartswith | B::StrEndswith => {
                (1, 3, p313)
            }
            B::StrReplace => (2, 3, !p313),
            _ => return Ok(()),
        };
        let msg = if n < min {
            if check_positional {
                format!("{name} expected at least {min} {}, got {n}", plural(min))
            } else if f == B::StrReplace {
                format!("{name}() takes at least {min} positional arguments ({n} given)")
            } else {
                format!("{name}() takes at least {min} {} ({n} given)", plural(min))
            }
        } else if n > max {
            if check_positional {
                format!("{name} expected at most {max} {}, got {n}", plural(max))
            } else {
                format!("{name}() takes at most {max} {} ({n} given)", plural(max))
            }
        } else {
            return Ok(());
        };
        Err(PyErr::type_error(msg))
    }

    fn kwarg(kwargs: Kw, name: &str) -> Option<ObjRef> {
        kwargs.iter().find(|(n, _)| &**n == name).map(|(_, v)| *v)
    }

    fn int_arg(&self, r: ObjRef) -> Result<i64, PyErr> {
        self.index_of(r).ok_or_else(|| {
            PyErr::type_error(format!("'{}' object cannot be interpreted as an integer", self.type_name(r)))
        })
    }

    fn tuple_of_ints(&mut self, v: &[u32]) -> ObjRef {
        let items = v.iter().map(|&x| self.int(x as i64)).collect();
        self.new_tuple(items)
    }

    pub fn call_builtin(&mut self, f: Builtin, args: &[ObjRef], kwargs: Kw) -> Result<ObjRef, PyErr> {
        use Builtin as B;
        match f {
            B::Print => {
                let mut sep = " ".to_string();
                let mut end = "\n".to_string();
                if let Some((k, _)) = kwargs.iter().find(|(k, _)| !matches!(&**k, "sep" | "end" | "file" | "flush")) {
                    return Err(self.unexpected_keyword("print", k));
                }
                for (k, v) in kwargs {
                    let null = matches!(self.heap.get(*v), Obj::None);
                    match &**k {
                        "flush" => self.truthy(*v).map(|_| ())?,
                        "file" if !null => return Err(PyErr::refusal("print(file=...)")),
                        "file" => {}
                        _ => {
                            let text = match self.heap.get(*v) {
                                Obj::Str(s) => s.to_string(),
                                Obj::None => continue,
                                _ => {
                                    let ty = self.type_name(*v);
                                    return Err(PyErr::type_error(format!("{k} must be None or a string, not {ty}")));
                                }
                            };
                            if &**k == "sep" {
                                sep = text;
                            } else {
                                end = text;
                            }
                        }
                    }
                }
                // Argument Clinic packs the positional arguments in a tuple
                // (`*args`), made before the writes and dropped after them
                let packed = self.hidden_tuple(args);
                let r = self.print_args(args, &sep, &end);
                self.xdecref(packed);
                r.map(|()| self.none)
            }
            B::Len => {
                self.no_kwargs(f, kwargs)?;
                self.arity(f, args, 1, 1)?;
                let n = self.len_of(args[0])?;
                Ok(self.int(n as i64))
            }
            B::Id => {
                self.arity(f, args, 1, 1)?;
                let id = self.id_of(args[0]);
                Ok(self.int_from_big(id.into()))
            }
            B::Repr => {
                self.arity(f, args, 1, 1)?;
                let s = self.repr(args[0])?;
                Ok(self.str(&s))
            }
            B::Hash => {
                self.arity(f, args, 1, 1)?;
                let k = self.key_of(args[0])?;
                let h = match k {
                    crate::dict::Key::Ident(i) => (self.id_of(ObjRef(i)) >> 4) as i64,
                    crate::dict::Key::User(h, _) => h,
                    _ => crate::hash::hash(&k),
                };
                Ok(self.int(h))
            }
            B::Isinstance | B::Issubclass => {
                self.arity(f, args, 2, 2)?;
                let classes: Vec<ObjRef> = match self.heap.get(args[1]) {
                    Obj::Tuple(t) => t.to_vec(),
                    Obj::Type(_) => vec![args[1]],
                    _ => {
                        return Err(PyErr::type_error(format!(
                            "{}() arg 2 must be a type, a tuple of types, or a union",
                            f.name()
                        )))
                    }
                };
                let r = classes.iter().any(|&c| {
                    if f == B::Isinstance {
                        self.isinstance(args[0], c)
                    } else {
                        self.is_subclass(args[0], c)
                    }
                });
                Ok(self.bool(r))
            }
            B::Sorted => {
                self.arity(f, args, 1, 1)?;
                let items = self.collect_iterable(args[0])?;
                let list = self.new_list(items.clone());
                for x in items {
                    let _ = x;
                }
                let r = self.list_sort(list, kwargs);
                match r {
                    Ok(()) => Ok(list),
                    Err(e) => {
                        self.decref(list);
                        Err(e)
                    }
                }
            }
            B::Reversed => {
                self.arity(f, args, 1, 1)?;
                let v = args[0];
                match self.heap.get(v) {
                    Obj::List(l) => {
                        let n = l.len() as isize;
                        self.incref(v);
                        Ok(self.alloc(Obj::Iter(Box::new(IterState::Reversed { seq: v, index: n - 1 }))))
                    }
                    Obj::Tuple(_) | Obj::Str(_) | Obj::Range { .. } => {
                        let items = self.collect_iterable(v)?;
                        let n = items.len() as isize;
                        let l = self.new_list(items);
                        Ok(self.alloc(Obj::Iter(Box::new(IterState::Reversed { seq: l, index: n - 1 }))))
                    }
                    Obj::Instance(_) => {
                        if let Some(r) = self.call_special(v, "__reversed__", &[]) {
                            return r;
                        }
                        if self.lookup_special(v, "__getitem__").map(|f| self.decref(f)).is_some() {
                            return Err(PyErr::refusal("reversed() through __len__ and __getitem__"));
                        }
                        Err(PyErr::type_error(format!("'{}' object is not reversible", self.type_name(v))))
                    }
                    Obj::Dict(_) | Obj::DictView { .. } => {
                        Err(PyErr::refusal(&format!("reversed() of '{}' objects", self.type_name(v))))
                    }
                    _ => Err(PyErr::type_error(format!("'{}' object is not reversible", self.type_name(v)))),
                }
            }
            B::Min | B::Max => self.min_max(f, args, kwargs),
            B::Sum => {
                self.arity(f, args, 1, 2)?;
                let items = self.collect_iterable(args[0])?;
                let mut acc = match args.get(1).copied().or(Self::kwarg(kwargs, "start")) {
                    Some(s) => {
                        self.incref(s);
                        s
                    }
                    None => self.int(0),
                };
                let mut err = None;
                // CPython's three loops: ints (while they fit a C long), then floats, to which
                // floats add with Neumaier's compensation `c` and ints plainly, then any objects
                let mut mode = match self.heap.get(acc) {
                    Obj::Int(_) => 0,
                    Obj::Float(_) => 1,
                    _ => 2,
                };
                let mut c = 0.0f64;
                for x in items {
                    if err.is_none() {
                        let stay = match (mode, self.heap.get(acc), self.heap.get(x)) {
                            (0, Obj::Int(i), Obj::Int(j)) => i.checked_add(*j).is_some(),
                            (0, Obj::Int(i), Obj::Bool(j)) => i.checked_add(*j as i64).is_some(),
                            (1, &Obj::Float(s), &Obj::Float(v)) => {
                                let t = s + v;
                                c += if s.abs() >= v.abs() { (s - t) + v } else { (v - t) + s };
                                self.decref(acc);
                                acc = self.alloc(Obj::Float(t));
                                self.decref(x);
                                continue;
                            }
                            (1, _, Obj::Int(_) | Obj::Bool(_)) => true,
                            _ => false,
                        };
                        if mode == 1 && !stay {
                            acc = self.sum_compensated(acc, c);
                        }
                        match self.binary(crate::code::BinOp::Add, acc, x, false) {
                            Ok(r) => {
                                self.decref(acc);
                                acc = r;
                            }
                            Err(e) => err = Some(e),
                        }
                        if !stay {
                            mode = if mode == 0 && matches!(self.heap.get(acc), Obj::Float(_)) { 1 } else { 2 };
                        }
                    }
                    self.decref(x);
                }
                if mode == 1 && err.is_none() {
                    acc = self.sum_compensated(acc, c);
                }
                match err {
                    Some(e) => {
                        self.decref(acc);
                        Err(e)
                    }
                    None => Ok(acc),
                }
            }
            B::Abs => {
                self.arity(f, args, 1, 1)?;
                let v = args[0];
                let neg = match self.heap.get(v) {
                    Obj::Int(i) => *i < 0,
                    Obj::Big(b) => num_traits::Signed::is_negative(&**b),
                    Obj::Float(x) => *x < 0.0 || (x.is_sign_negative() && *x == 0.0),
                    Obj::Bool(_) => false,
                    _ => {
                        if let Some(r) = self.call_special(v, "__abs__", &[]) {
                            return r;
                        }
                        return Err(PyErr::type_error(format!("bad operand type for abs(): '{}'", self.type_name(v))));
                    }
                };
                if neg {
                    self.unary(crate::code::UnOp::Neg, v)
                } else if let Obj::Bool(b) = self.heap.get(v) {
                    Ok(self.int(*b as i64))
                } else {
                    self.incref(v);
                    Ok(v)
                }
            }
            B::Any | B::All => {
                self.arity(f, args, 1, 1)?;
                let it = self.get_iter(args[0])?;
                let want = f == B::Any;
                loop {
                    match self.iter_next(it) {
                        Ok(Some(x)) => {
                            let t = self.truthy(x);
                            self.decref(x);
                            match t {
                                Ok(t) if t == want => {
                                    self.decref(it);
                                    return Ok(self.bool(want));
                                }
                                Ok(_) => {}
                                Err(e) => {
                                    self.decref(it);
                                    return Err(e);
                                }
                            }
                        }
                        Ok(None) => break,
                        Err(e) => {
                            self.decref(it);
                            return Err(e);
                        }
                    }
                }
                self.decref(it);
                Ok(self.bool(!want))
            }
            B::Enumerate => self.construct_builtin(TypeTag::Enumerate, args, kwargs),
            B::Zip => self.construct_builtin(TypeTag::Zip, args, kwargs),
            B::Iter => {
                self.arity(f, args, 1, 1)?;
                self.get_iter(args[0])
            }
            B::Next => {
                self.arity(f, args, 1, 2)?;
                let it = args[0];
                if !matches!(self.heap.get(it), Obj::Iter(_) | Obj::Generator(_) | Obj::Instance(_)) {
                    return Err(PyErr::type_error(format!("'{}' object is not an iterator", self.type_name(it))));
                }
                let next = if let Obj::Generator(_) = self.heap.get(it) {
                    let none = self.none;
                    self.resume_generator(it, none)?
                } else {
                    self.iter_next(it)?
                };
                match next {
                    Some(v) => Ok(v),
                    None => match args.get(1) {
                        Some(&d) => {
                            let v = std::mem::replace(&mut self.stop_value, ObjRef::NULL);
                            self.xdecref(v);
                            self.incref(d);
                            Ok(d)
                        }
                        None => Err(self.stop_iteration()),
                    },
                }
            }
            B::Hasattr => {
                self.arity(f, args, 2, 2)?;
                let name = self.str_arg(args[1], "hasattr(): attribute name must be string")?;
                match self.get_attr(args[0], &name) {
                    Ok(v) => {
                        self.decref(v);
                        Ok(self.true_)
                    }
                    Err(e) if self.err_is(&e, "AttributeError") => {
                        self.discard(e);
                        Ok(self.false_)
                    }
                    Err(e) => Err(e),
                }
            }
            B::Getattr => {
                self.arity(f, args, 2, 3)?;
                let name = self.str_arg(args[1], "attribute name must be string")?;
                match self.get_attr(args[0], &name) {
                    Ok(v) => Ok(v),
                    Err(e) if args.len() == 3 && self.err_is(&e, "AttributeError") => {
                        self.discard(e);
                        self.incref(args[2]);
                        Ok(args[2])
                    }
                    Err(e) => Err(e),
                }
            }
            B::Setattr => {
                self.arity(f, args, 3, 3)?;
                let name = self.str_arg(args[1], "attribute name must be string")?;
                self.set_attr(args[0], &name, args[2])?;
                Ok(self.none)
            }
            B::Delattr => {
                self.arity(f, args, 2, 2)?;
                let name = self.str_arg(args[1], "attribute name must be string")?;
                self.del_attr(args[0], &name)?;
                Ok(self.none)
            }
            B::Callable => {
                self.arity(f, args, 1, 1)?;
                let c = match self.heap.get(args[0]) {
                    Obj::Function(_)
                    | Obj::Builtin { .. }
                    | Obj::Method { .. }
                    | Obj::Type(_)
                    | Obj::WeakRef { .. }
                    | Obj::Finalizer { .. } => true,
                    Obj::Instance(_) => self.lookup_special(args[0], "__call__").map(|c| self.decref(c)).is_some(),
                    _ => false,
                };
                Ok(self.bool(c))
            }
            B::Format => {
                self.arity(f, args, 1, 2)?;
                let spec = match args.get(1).map(|&s| self.heap.get(s)) {
                    None => Rc::from(""),
                    Some(Obj::Str(s)) => s.clone(),
                    Some(_) => {
                        let tn = self.type_name(args[1]);
                        return Err(PyErr::type_error(format!("format() argument 2 must be str, not {tn}")));
                    }
                };
                let s = self.format_object(args[0], &spec)?;
                Ok(self.str(&s))
            }
            B::Ascii => {
                self.arity(f, args, 1, 1)?;
                let s = super::format::ascii(&self.repr(args[0])?);
                Ok(self.str(&s))
            }
            B::Hex | B::Oct | B::Bin => {
                self.arity(f, args, 1, 1)?;
                let Some(n) = self.int_value(args[0]) else {
                    let tn = self.type_name(args[0]);
                    return Err(PyErr::type_error(format!("'{tn}' object cannot be interpreted as an integer")));
                };
                let (radix, prefix) = match f {
                    B::Hex => (16, "0x"),
                    B::Oct => (8, "0o"),
                    _ => (2, "0b"),
                };
                let sign = if num_traits::Signed::is_negative(&n) { "-" } else { "" };
                let text = format!("{sign}{prefix}{}", num_traits::Signed::abs(&n).to_str_radix(radix));
                Ok(self.str(&text))
            }
            B::Pow => {
                // Argument Clinic's wording
                match args.len() {
                    0 | 1 => {
                        let (name, pos) = if args.is_empty() { ("base", 1) } else { ("exp", 2) };
                        return Err(PyErr::type_error(format!("pow() missing required argument '{name}' (pos {pos})")));
                    }
                    n if n > 3 => {
                        return Err(PyErr::type_error(format!("pow() takes at most 3 arguments ({n} given)")))
                    }
                    _ => {}
                }
                match args.get(2) {
                    None => self.binary(crate::code::BinOp::Pow, args[0], args[1], false),
                    Some(&m) if m == self.none => self.binary(crate::code::BinOp::Pow, args[0], args[1], false),
                    Some(&m) => self.modular_pow(args[0], args[1], m),
                }
            }
            B::Divmod => {
                self.arity(f, args, 2, 2)?;
                let number = |o: &Obj| matches!(o, Obj::Int(_) | Obj::Big(_) | Obj::Bool(_) | Obj::Float(_));
                if !number(self.heap.get(args[0])) || !number(self.heap.get(args[1])) {
                    for (x, y, name) in [(args[0], args[1], "__divmod__"), (args[1], args[0], "__rdivmod__")] {
                        if let Some(r) = self.call_special(x, name, &[y]) {
                            let r = r?;
                            if r != self.not_implemented {
                                return Ok(r);
                            }
                            self.decref(r);
                        }
                    }
                    return Err(PyErr::type_error(format!(
                        "unsupported operand type(s) for divmod(): '{}' and '{}'",
                        self.type_name(args[0]),
                        self.type_name(args[1])
                    )));
                }
                let (a, b) = (self.heap.get(args[0]), self.heap.get(args[1]));
                if matches!(a, Obj::Int(_) | Obj::Bool(_) | Obj::Float(_))
                    && (matches!(b, Obj::Float(y) if *y == 0.0)
                        || matches!(a, Obj::Float(_)) && matches!(b, Obj::Int(0) | Obj::Bool(false)))
                {
                    return Err(PyErr::new("ZeroDivisionError", "float divmod()".into()));
                }
                let q = self.binary(crate::code::BinOp::FloorDiv, args[0], args[1], false)?;
                let r = match self.binary(crate::code::BinOp::Mod, args[0], args[1], false) {
                    Ok(r) => r,
                    Err(e) => {
                        self.decref(q);
                        return Err(e);
                    }
                };
                Ok(self.new_tuple(vec![q, r]))
            }
            B::Round => {
                self.arity(f, args, 1, 2)?;
                let v = args[0];
                let nd = match args.get(1) {
                    Some(&n) if n != self.none => Some(self.int_arg(n)?),
                    _ => None,
                };
                match (self.heap.get(v), nd) {
                    (Obj::Float(x), None) => {
                        let r = round_half_even(*x);
                        if r.is_nan() {
                            return Err(PyErr::new("ValueError", "cannot convert float NaN to integer".into()));
                        }
                        match num_traits::FromPrimitive::from_f64(r) {
                            Some(b) => Ok(self.int_from_big(b)),
                            None => Err(PyErr::new("OverflowError", "cannot convert float infinity to integer".into())),
                        }
                    }
                    // to a multiple of a power of ten: the integral part, a dropped fraction breaking a tie
                    (&Obj::Float(x), Some(n)) if n < 0 && x.is_finite() => {
                        let a = num_traits::FromPrimitive::from_f64(x.trunc()).unwrap_or_default();
                        let r = num_traits::ToPrimitive::to_f64(&round_pow10(&a, n, x.fract() != 0.0)).unwrap_or(0.0);
                        Ok(self.alloc(Obj::Float(if r == 0.0 { 0f64.copysign(x) } else { r })))
                    }
                    (Obj::Int(_) | Obj::Big(_) | Obj::Bool(_), Some(n)) if n < 0 => {
                        let a = self.big_of(v).unwrap_or_default();
                        Ok(self.int_from_big(round_pow10(&a, n, false)))
                    }
                    (Obj::Bool(b), _) => Ok(self.int(*b as i64)),
                    (Obj::Float(x), Some(n)) => {
                        let x = *x;
                        let s = format!("{:.*}", n.max(0) as usize, x);
                        Ok(self.alloc(Obj::Float(s.parse().unwrap_or(x))))
                    }
                    (Obj::Int(_) | Obj::Big(_), _) => {
                        self.incref(v);
                        Ok(v)
                    }
                    _ => Err(PyErr::type_error(format!("type {} doesn't define __round__ method", self.type_name(v)))),
                }
            }
            B::Ord => {
                self.arity(f, args, 1, 1)?;
                match self.heap.get(args[0]) {
                    Obj::Str(s) if s.chars().count() == 1 => {
                        let c = s.chars().next().unwrap_or('\0') as i64;
                        Ok(self.int(c))
                    }
                    Obj::Str(s) => Err(PyErr::type_error(format!(
                        "ord() expected a character, but string of length {} found",
                        s.chars().count()
                    ))),
                    _ => Err(PyErr::type_error(format!(
                        "ord() expected string of length 1, but {} found",
                        self.type_name(args[0])
                    ))),
                }
            }
            B::Chr => {
                self.arity(f, args, 1, 1)?;
                let i = self.int_arg(args[0])?;
                match char::from_u32(i as u32).filter(|_| (0..=0x10ffff).contains(&i)) {
                    Some(c) => Ok(self.str(&c.to_string())),
                    None => Err(PyErr::new("ValueError", "chr() arg not in range(0x110000)".into())),
                }
            }
            B::BuildClass => {
                if args.len() < 2 {
                    return Err(PyErr::type_error("__build_class__: not enough arguments".into()));
                }
                self.build_class(args, kwargs)
            }
            B::Super => self.super_call(args),
            B::Globals => {
                let g = self.frames.last().map(|f| f.globals).unwrap_or(ObjRef::NULL);
                self.incref(g);
                Ok(g)
            }
            B::SysGetrefcount => {
                self.arity(f, args, 1, 1)?;
                let n = self.heap.refcount(args[0]);
                Ok(self.int(n as i64))
            }
            B::SysGetrecursionlimit => Ok(self.int(self.recursion_limit as i64)),
            B::SysSetrecursionlimit => {
                self.arity(f, args, 1, 1)?;
                let n = self.int_arg(args[0])?;
                if n < 1 {
                    return Err(PyErr::new("ValueError", "recursion limit must be greater or equal than 1".into()));
                }
                let depth = self.frames.len() as i64;
                if n <= depth {
                    return Err(PyErr::new(
                        "RecursionError",
                        format!("cannot set the recursion limit to {n} at the recursion depth {depth}: the limit is too low"),
                    ));
                }
                self.recursion_limit = n.min(100_000) as u32;
                Ok(self.none)
            }
            B::SysIntern => {
                self.arity(f, args, 1, 1)?;
                self.incref(args[0]);
                Ok(args[0])
            }
            B::SysExcInfo => {
                let e = self.handled_exception();
                if e.is_null() {
                    let n = self.none;
                    return Ok(self.new_tuple(vec![n, n, n]));
                }
                let cls = self.class_of(e);
                let tb = match self.heap.get(e) {
                    Obj::Instance(i) => i.exc.as_ref().map(|s| s.traceback).unwrap_or(ObjRef::NULL),
                    _ => ObjRef::NULL,
                };
                let tb = if tb.is_null() { self.none } else { tb };
                self.incref(cls);
                self.incref(e);
                self.incref(tb);
                Ok(self.new_tuple(vec![cls, e, tb]))
            }
            B::GcCollect => {
                let g = args.first().copied().or(Self::kwarg(kwargs, "generation"));
                let generation = match g {
                    Some(g) => self.int_arg(g)?,
                    None => 2,
                };
                if !(0..=2).contains(&generation) {
                    return Err(PyErr::new("ValueError", "invalid generation".into()));
                }
                let n = self.collect_explicit(generation as usize);
                Ok(self.int(n as i64))
            }
            B::GcGetCount => {
                let c = self.gc.count;
                Ok(self.tuple_of_ints(&c))
            }
            B::GcGetThreshold => {
                let t = self.gc.threshold;
                Ok(self.tuple_of_ints(&t))
            }
            B::GcSetThreshold => {
                self.arity(f, args, 1, 3)?;
                for (i, a) in args.iter().enumerate() {
                    let v = self.int_arg(*a)?;
                    self.gc.threshold[i] = v.clamp(0, u32::MAX as i64) as u32;
                }
                self.trace_gc_config();
                Ok(self.none)
            }
            B::GcIsTracked => {
                self.arity(f, args, 1, 1)?;
                Ok(self.bool(self.heap.slot(args[0]).is(flags::TRACKED)))
            }
            B::GcIsFinalized => {
                self.arity(f, args, 1, 1)?;
                Ok(self.bool(self.heap.slot(args[0]).is(flags::FINALIZED)))
            }
            B::GcEnable => {
                self.gc.enabled = true;
                self.trace_gc_config();
                Ok(self.none)
            }
            B::GcDisable => {
                self.gc.enabled = false;
                self.trace_gc_config();
                Ok(self.none)
            }
            B::GcIsEnabled => Ok(self.bool(self.gc.enabled)),
            B::GcGetObjects => {
                let g = args.first().copied().or(Self::kwarg(kwargs, "generation"));
                let generation = match g {
                    Some(g) if g != self.none => Some(self.int_arg(g)?),
                    _ => None,
                };
                if let Some(gn) = generation {
                    if !(0..=2).contains(&gn) {
                        return Err(PyErr::new(
                            "ValueError",
                            "generation parameter must be less than the number of available generations (3)".into(),
                        ));
                    }
                }
                self.gc_get_objects(generation)
            }
            B::GcGetStats => self.gc_get_stats(),
            B::GcGetReferrers => self.gc_get_referrers(args),
            B::GcGetReferents => self.gc_get_referents(args),
            B::GcFreeze => {
                self.gc_freeze();
                Ok(self.none)
            }
            B::GcUnfreeze => {
                self.gc_unfreeze();
                Ok(self.none)
            }
            B::GcGetFreezeCount => Ok(self.int(self.heap.gens[3].len as i64)),
            B::GcSetDebug => {
                self.arity(f, args, 1, 1)?;
                self.gc.debug = self.int_arg(args[0])? as u32;
                Ok(self.none)
            }
            B::GcGetDebug => Ok(self.int(self.gc.debug as i64)),
            B::WeakrefGetweakrefcount => {
                self.arity(f, args, 1, 1)?;
                let n = self.weakrefs.get(&args[0].0).map(|l| l.len()).unwrap_or(0);
                Ok(self.int(n as i64))
            }
            B::WeakrefFinalize => {
                if args.len() < 2 {
                    return Err(PyErr::type_error("finalize expected at least 2 arguments".into()));
                }
                self.new_finalizer(args[0], args[1], &args[2..], kwargs)
            }
            B::TimePerfCounter | B::TimeTime => {
                let t = crate::clock::now_seconds();
                Ok(self.alloc(Obj::Float(t)))
            }
            B::ObjectInit => self.object_init(args, kwargs),
            B::ObjectNew => Ok(self.none),
            B::ObjectDir => Ok(self.new_list(Vec::new())),
            _ => self.call_method(f, args, kwargs),
        }
    }

    /// A keyword a built-in does not take, in each version's words.
    fn unexpected_keyword(&self, name: &str, k: &str) -> PyErr {
        PyErr::type_error(if self.profile.python == crate::profile::Python::P312 {
            format!("'{k}' is an invalid keyword argument for {name}()")
        } else {
            format!("{name}() got an unexpected keyword argument '{k}'")
        })
    }

    /// The argument counts and keywords the built-in types' constructors take,
    /// with each version's wording.
    fn constructor_arity(&self, tag: TypeTag, n: usize, kwargs: Kw) -> Result<(), PyErr> {
        let name = tag.name();
        let old = self.profile.python == crate::profile::Python::P312;
        let max = match tag {
            TypeTag::Float | TypeTag::Tuple | TypeTag::List | TypeTag::Set | TypeTag::FrozenSet | TypeTag::Bool => 1,
            TypeTag::Dict => 1,
            TypeTag::Int => 2,
            TypeTag::Str => 3,
            _ => return Ok(()),
        };
        if n > max {
            let s = if max == 1 { "" } else { "s" };
            return Err(PyErr::type_error(if old && matches!(tag, TypeTag::Int | TypeTag::Str) {
                format!("{name}() takes at most {max} argument{s} ({n} given)")
            } else {
                format!("{name} expected at most {max} argument{s}, got {n}")
            }));
        }
        let unknown = match tag {
            TypeTag::Int => kwargs.iter().find(|(k, _)| &**k != "base"),
            TypeTag::Str => kwargs.iter().find(|(k, _)| !matches!(&**k, "object" | "encoding" | "errors")),
            TypeTag::Dict => None,
            _ => kwargs.first(),
        };
        if let Some((k, _)) = unknown {
            return Err(match tag {
                TypeTag::Int | TypeTag::Str => self.unexpected_keyword(name, k),
                _ => PyErr::type_error(format!("{name}() takes no keyword arguments")),
            });
        }
        Ok(())
    }

    /// `super().__init__(...)` reaching the base: an exception's
    /// (BaseException_init, StopIteration_init) takes the arguments as its
    /// args; object's takes none (object_init).
    fn object_init(&mut self, args: &[ObjRef], kwargs: Kw) -> Result<ObjRef, PyErr> {
        let Some((&this, rest)) = args.split_first() else {
            return Err(PyErr::type_error("descriptor '__init__' of 'object' object needs an argument".into()));
        };
        let is_exc = matches!(self.heap.get(this), Obj::Instance(i) if i.exc.is_some());
        if !is_exc {
            if rest.is_empty() && kwargs.is_empty() {
                return Ok(self.none);
            }
            return Err(PyErr::type_error(
                "object.__init__() takes exactly one argument (the instance to initialize)".into(),
            ));
        }
        if !kwargs.is_empty() {
            return Err(PyErr::type_error(format!("{}() takes no keyword arguments", self.type_name(this))));
        }
        for &a in rest {
            self.incref(a);
        }
        let t = if rest.is_empty() { self.empty_tuple } else { self.new_tuple(rest.to_vec()) };
        let stop = self.is_subclass(self.class_of(this), self.exc_types["StopIteration"]);
        let value = if stop { rest.first().copied().unwrap_or(self.none) } else { ObjRef::NULL };
        if stop {
            self.incref(value);
        }
        let (old_args, old_value) = match self.heap.get_mut(this) {
            Obj::Instance(i) => match i.exc.as_mut() {
                Some(e) => {
                    let old_value = if stop { std::mem::replace(&mut e.value, value) } else { ObjRef::NULL };
                    (std::mem::replace(&mut e.args, t), old_value)
                }
                None => (ObjRef::NULL, ObjRef::NULL),
            },
            _ => (ObjRef::NULL, ObjRef::NULL),
        };
        // (StopIteration_init sets its value after BaseException_init's args)
        self.xdecref(old_args);
        self.xdecref(old_value);
        Ok(self.none)
    }

    /// An int's value (bools included), or None for any other type.
    fn int_value(&self, r: ObjRef) -> Option<num_bigint::BigInt> {
        match self.heap.get(r) {
            Obj::Int(i) => Some((*i).into()),
            Obj::Big(b) => Some((**b).clone()),
            Obj::Bool(b) => Some(i64::from(*b).into()),
            _ => None,
        }
    }

    /// `pow(base, exp, mod)`: ints only; a negative exponent takes the inverse
    /// of the base modulo `mod`; the result has the sign of `mod`, as `%`.
    fn modular_pow(&mut self, base: ObjRef, exp: ObjRef, m: ObjRef) -> Result<ObjRef, PyErr> {
        use num_bigint::BigInt;
        use num_traits::{One, Signed, Zero};
        let (Some(b), Some(e), Some(m)) = (self.int_value(base), self.int_value(exp), self.int_value(m)) else {
            return Err(PyErr::type_error("pow() 3rd argument not allowed unless all arguments are integers".into()));
        };
        if m.is_zero() {
            return Err(PyErr::new("ValueError", "pow() 3rd argument cannot be 0".into()));
        }
        let modulus = m.abs();
        let mut b = ((b % &modulus) + &modulus) % &modulus;
        if e.is_negative() {
            // the inverse by the extended Euclidean algorithm
            let (mut r0, mut r1) = (b.clone(), modulus.clone());
            let (mut s0, mut s1) = (BigInt::one(), BigInt::zero());
            while !r1.is_zero() {
                let q = &r0 / &r1;
                (r0, r1) = (r1.clone(), &r0 - &q * &r1);
                (s0, s1) = (s1.clone(), &s0 - &q * &s1);
            }
            if !r0.is_one() {
                return Err(PyErr::new("ValueError", "base is not invertible for the given modulus".into()));
            }
            b = ((s0 % &modulus) + &modulus) % &modulus;
        }
        // square and multiply with the arithmetic the interpreter already has
        // (BigInt::modpow brings a Montgomery multiplication of its own)
        let (mut r, mut e) = (BigInt::one() % &modulus, e.abs());
        while !e.is_zero() {
            if e.bit(0) {
                r = r * &b % &modulus;
            }
            b = &b * &b % &modulus;
            e >>= 1;
        }
        if m.is_negative() && !r.is_zero() {
            r += &m;
        }
        Ok(self.int_from_big(r))
    }
    /// The name argument of `object.__getattribute__` and friends.
    fn attr_name_arg(&self, r: ObjRef) -> Result<Rc<str>, PyErr> {
        match self.heap.get(r) {
            Obj::Str(s) => Ok(s.clone()),
            _ => {
                let tn = self.type_name(r);
                Err(PyErr::type_error(format!("attribute name must be string, not '{tn}'")))
            }
        }
    }
    fn str_arg(&self, r: ObjRef, msg: &str) -> Result<Rc<str>, PyErr> {
        match self.heap.get(r) {
            Obj::Str(s) => Ok(s.clone()),
            _ => Err(PyErr::type_error(msg.into())),
        }
    }

    pub(crate) fn len_of(&mut self, v: ObjRef) -> Result<usize, PyErr> {
        Ok(match self.heap.get(v) {
            Obj::List(l) => l.len(),
            Obj::Tuple(t) => t.len(),
            Obj::Dict(d) => d.len(),
            Obj::Set(d) => d.len(),
            Obj::Str(s) => s.chars().count(),
            Obj::Range { start, stop, step } => range_len(*start, *stop, *step) as usize,
            Obj::DictView { dict, .. } => match self.heap.get(*dict) {
                Obj::Dict(d) => d.len(),
                _ => 0,
            },
            Obj::Instance(_) => match self.call_special(v, "__len__", &[]) {
                Some(r) => {
                    let r = r?;
                    let n = self.index_of(r);
                    self.decref(r);
                    n.ok_or_else(|| PyErr::type_error("'__len__' returned a non-integer".into()))? as usize
                }
                None => return Err(PyErr::type_error(format!("object of type '{}' has no len()", self.type_name(v)))),
            },
            _ => return Err(PyErr::type_error(format!("object of type '{}' has no len()", self.type_name(v)))),
        })
    }

    fn min_max(&mut self, f: Builtin, args: &[ObjRef], kwargs: Kw) -> Result<ObjRef, PyErr> {
        if let Some((k, _)) = kwargs.iter().find(|(k, _)| !matches!(&**k, "key" | "default")) {
            return Err(self.unexpected_keyword(f.name(), k));
        }
        let key = Self::kwarg(kwargs, "key").filter(|&k| k != self.none);
        let default = Self::kwarg(kwargs, "default");
        let items = if args.len() == 1 {
            self.collect_iterable(args[0])?
        } else if args.is_empty() {
            return Err(PyErr::type_error(format!("{} expected at least 1 argument, got 0", f.name())));
        } else {
            for &a in args {
                self.incref(a);
            }
            args.to_vec()
        };
        if items.is_empty() {
            if let Some(d) = default {
                self.incref(d);
                return Ok(d);
            }
            return Err(PyErr::new("ValueError", format!("{}() iterable argument is empty", f.name())));
        }
        let mut best = items[0];
        let mut best_key = ObjRef::NULL;
        let mut err = None;
        for (i, &x) in items.iter().enumerate() {
            let k = match key {
                Some(kf) => match self.call_object(kf, &[x], &[]) {
                    Ok(k) => k,
                    Err(e) => {
                        err = Some(e);
                        break;
                    }
                },
                None => {
                    self.incref(x);
                    x
                }
            };
            if i == 0 {
                best_key = k;
                continue;
            }
            let op = if f == Builtin::Min { crate::code::CmpOp::Lt } else { crate::code::CmpOp::Gt };
            match self.compare(op, k, best_key) {
                Ok(true) => {
                    self.decref(best_key);
                    best_key = k;
                    best = x;
                }
                Ok(false) => self.decref(k),
                Err(e) => {
                    self.decref(k);
                    err = Some(e);
                    break;
                }
            }
        }
        self.xdecref(best_key);
        self.incref(best);
        for x in items {
            self.decref(x);
        }
        match err {
            Some(e) => {
                self.decref(best);
                Err(e)
            }
            None => Ok(best),
        }
    }

    /// `super()` (zero arguments: the method's class cell and first argument) or `super(C, obj)`.
    fn super_call(&mut self, args: &[ObjRef]) -> Result<ObjRef, PyErr> {
        let (class, this) = if args.len() == 2 {
            (args[0], args[1])
        } else {
            let Some(f) = self.frames.last() else {
                return Err(PyErr::new("RuntimeError", "super(): no current frame".into()));
            };
            let code = f.code.clone();
            let base = f.base;
            let Some(ci) = code.freevars.iter().position(|v| &**v == "__class__") else {
                return Err(PyErr::new("RuntimeError", "super(): __class__ cell not found".into()));
            };
            let cell = self.stack[base + code.varnames.len() + code.cellvars.len() + ci];
            let class = match self.heap.get(cell) {
                Obj::Cell(c) => *c,
                _ => ObjRef::NULL,
            };
            if class.is_null() {
                return Err(PyErr::new("RuntimeError", "super(): empty __class__ cell".into()));
            }
            if code.argcount == 0 {
                return Err(PyErr::new("RuntimeError", "super(): no arguments".into()));
            }
            // the first argument, or its cell if it was captured
            let mut first = self.stack[base];
            if first.is_null() {
                if let Some(pos) = code.cell2arg.iter().position(|a| *a == Some(0)) {
                    let cell = self.stack[base + code.varnames.len() + pos];
                    if let Obj::Cell(v) = self.heap.get(cell) {
                        first = *v;
                    }
                }
            }
            if first.is_null() {
                return Err(PyErr::new("RuntimeError", "super(): arg[0] deleted".into()));
            }
            (class, first)
        };
        self.incref(class);
        self.incref(this);
        Ok(self.alloc(Obj::Super { class, this }))
    }

    /// Calling a built-in type: the constructors.
    pub(crate) fn construct_builtin(&mut self, tag: TypeTag, args: &[ObjRef], kwargs: Kw) -> Result<ObjRef, PyErr> {
        let name = tag.name();
        self.constructor_arity(tag, args.len(), kwargs)?;
        match tag {
            TypeTag::Int => {
                if args.is_empty() {
                    return Ok(self.int(0));
                }
                let v = args[0];
                let base = args.get(1).copied().or(Self::kwarg(kwargs, "base"));
                if base.is_some() && !matches!(self.heap.get(v), Obj::Str(_)) {
                    return Err(PyErr::type_error("int() can't convert non-string with explicit base".into()));
                }
                match self.heap.get(v) {
                    Obj::Int(_) | Obj::Big(_) => {
                        self.incref(v);
                        Ok(v)
                    }
                    Obj::Bool(b) => Ok(self.int(*b as i64)),
                    Obj::Float(x) => {
                        if !x.is_finite() {
                            return Err(if x.is_nan() {
                                PyErr::new("ValueError", "cannot convert float NaN to integer".into())
                            } else {
                                PyErr::new("OverflowError", "cannot convert float infinity to integer".into())
                            });
                        }
                        let t = x.trunc();
                        Ok(self.int_from_big(num_bigint::BigInt::from(t as i128)))
                    }
                    Obj::Str(s) => {
                        let s = s.clone();
                        let b = match base {
                            Some(b) => self.index_of(b).ok_or_else(|| {
                                PyErr::type_error(format!(
                                    "'{}' object cannot be interpreted as an integer",
                                    self.type_name(b)
                                ))
                            })?,
                            None => 10,
                        };
                        if b != 0 && !(2..=36).contains(&b) {
                            return Err(PyErr::new("ValueError", "int() base must be >= 2 and <= 36, or 0".into()));
                        }
                        match parse_int_text(&s, b as u32, self.profile.python) {
                            Ok(n) => Ok(self.int_from_big(n)),
                            Err(Some(digits)) => Err(PyErr::new(
                                "ValueError",
                                format!(
                                    "Exceeds the limit (4300 digits) for integer string conversion: value has {digits} digits; use sys.set_int_max_str_digits() to increase the limit"
                                ),
                            )),
                            Err(None) => Err(PyErr::new(
                                "ValueError",
                                format!(
                                    "invalid literal for int() with base {b}: {}",
                                    super::ops::str_repr(&s, self.profile.python)
                                ),
                            )),
                        }
                    }
                    _ => {
                        if let Some(r) = self.call_special(v, "__int__", &[]) {
                            return r;
                        }
                        Err(PyErr::type_error(format!(
                            "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                            self.type_name(v)
                        )))
                    }
                }
            }
            TypeTag::Float => {
                if args.is_empty() {
                    return Ok(self.alloc(Obj::Float(0.0)));
                }
                let v = args[0];
                let x = match self.heap.get(v) {
                    Obj::Float(_) => {
                        self.incref(v);
                        return Ok(v);
                    }
                    Obj::Int(i) => *i as f64,
                    Obj::Big(b) => super::ops::int_to_float(b)?,
                    Obj::Bool(b) => *b as i64 as f64,
                    Obj::Str(s) => {
                        let py = self.profile.python;
                        // Unicode decimal digits count as ASCII ones; underscores only between digits
                        let ascii = ascii_digits(s, py);
                        let t = ascii.trim_matches(|c| super::unicode::is_space(c, py)).to_ascii_lowercase();
                        let b = t.as_bytes();
                        let underscores_ok = b.iter().enumerate().all(|(i, &c)| {
                            c != b'_'
                                || (i > 0 && b[i - 1].is_ascii_digit() && b.get(i + 1).is_some_and(u8::is_ascii_digit))
                        });
                        match t.as_str() {
                            "inf" | "+inf" | "infinity" | "+infinity" => f64::INFINITY,
                            "-inf" | "-infinity" => f64::NEG_INFINITY,
                            "nan" | "+nan" | "-nan" => f64::NAN,
                            _ => Some(t.replace('_', ""))
                                .filter(|_| underscores_ok)
                                .and_then(|t| t.parse().ok())
                                .ok_or_else(|| {
                                    PyErr::new(
                                        "ValueError",
                                        format!(
                                            "could not convert string to float: {}",
                                            super::ops::str_repr(s, self.profile.python)
                                        ),
                                    )
                                })?,
                        }
                    }
                    _ => {
                        if let Some(r) = self.call_special(v, "__float__", &[]) {
                            let r = r?;
                            if matches!(self.heap.get(r), Obj::Float(_)) {
                                return Ok(r);
                            }
                            let m = format!(
                                "{}.__float__ returned non-float (type {})",
                                self.type_name(v),
                                self.type_name(r)
                            );
                            self.decref(r);
                            return Err(PyErr::type_error(m));
                        }
                        return Err(PyErr::type_error(format!(
                            "float() argument must be a string or a real number, not '{}'",
                            self.type_name(v)
                        )));
                    }
                };
                Ok(self.alloc(Obj::Float(x)))
            }
            TypeTag::Str => {
                // str(object, encoding, errors): decoding needs bytes, which gcplay has not
                let decode = args
                    .iter()
                    .skip(1)
                    .copied()
                    .chain(kwargs.iter().filter(|(k, _)| &**k != "object").map(|(_, v)| *v));
                for v in decode {
                    let ty = self.type_name(v);
                    if !matches!(self.heap.get(v), Obj::Str(_)) {
                        return Err(PyErr::type_error(format!("str() argument 'encoding' must be str, not {ty}")));
                    }
                }
                if args.len() > 1 || kwargs.iter().any(|(k, _)| &**k != "object") {
                    let ty = args.first().map_or("str".into(), |&a| self.type_name(a));
                    return Err(PyErr::type_error(format!("decoding to str: need a bytes-like object, {ty} found")));
                }
                if args.is_empty() {
                    return Ok(self.str(""));
                }
                let s = self.to_str(args[0])?;
                if matches!(self.heap.get(args[0]), Obj::Str(_)) {
                    self.incref(args[0]);
                    return Ok(args[0]);
                }
                Ok(self.str(&s))
            }
            TypeTag::Bool => {
                if args.is_empty() {
                    return Ok(self.false_);
                }
                let t = self.truthy(args[0])?;
                Ok(self.bool(t))
            }
            TypeTag::List => {
                let items = if args.is_empty() { Vec::new() } else { self.collect_iterable(args[0])? };
                let l = self.alloc_unpooled(Obj::List(items));
                if self.tracing {
                    self.trace_items(l);
                }
                Ok(l)
            }
            TypeTag::Tuple => {
                if args.is_empty() {
                    return Ok(self.empty_tuple);
                }
                if matches!(self.heap.get(args[0]), Obj::Tuple(_)) {
                    self.incref(args[0]);
                    return Ok(args[0]);
                }
                let items = self.collect_iterable(args[0])?;
                if items.is_empty() {
                    return Ok(self.empty_tuple);
                }
                Ok(self.new_tuple(items))
            }
            TypeTag::Dict => {
                let d = self.alloc_unpooled(Obj::Dict(Box::new(Dict::new())));
                if let Some(&src) = args.first() {
                    if let Err(e) = self.dict_update(d, src) {
                        self.decref(d);
                        return Err(e);
                    }
                }
                for (k, v) in kwargs {
                    let key = self.str(k);
                    let r = self.dict_set(d, key, *v);
                    self.decref(key);
                    r?;
                }
                Ok(d)
            }
            TypeTag::Set | TypeTag::FrozenSet => {
                let s = self.new_set();
                if tag == TypeTag::FrozenSet {
                    if let Obj::Set(t) = self.heap.get_mut(s) {
                        t.frozen = true;
                    }
                }
                if let Some(&src) = args.first() {
                    if let Err(e) = self.set_update(s, src) {
                        self.decref(s);
                        return Err(e);
                    }
                }
                Ok(s)
            }
            TypeTag::Range => {
                if args.is_empty() || args.len() > 3 {
                    return Err(PyErr::type_error(if args.is_empty() {
                        "range expected at least 1 argument, got 0".to_string()
                    } else {
                        format!("range expected at most 3 arguments, got {}", args.len())
                    }));
                }
                let mut v = [0i64; 3];
                for (i, a) in args.iter().enumerate() {
                    v[i] = self.int_arg(*a)?;
                }
                let (start, stop, step) = match args.len() {
                    1 => (0, v[0], 1),
                    2 => (v[0], v[1], 1),
                    _ => (v[0], v[1], v[2]),
                };
                if step == 0 {
                    return Err(PyErr::new("ValueError", "range() arg 3 must not be zero".into()));
                }
                Ok(self.alloc(Obj::Range { start, stop, step }))
            }
            TypeTag::Slice => {
                let n = self.none;
                let (a, b, c) = match args.len() {
                    1 => (n, args[0], n),
                    2 => (args[0], args[1], n),
                    3 => (args[0], args[1], args[2]),
                    _ => return Err(PyErr::type_error("slice expected at least 1 argument, got 0".into())),
                };
                self.incref(a);
                self.incref(b);
                self.incref(c);
                Ok(self.alloc(Obj::Slice { start: a, stop: b, step: c }))
            }
            TypeTag::Enumerate => {
                if args.is_empty() {
                    return Err(PyErr::type_error("enumerate() missing required argument 'iterable'".into()));
                }
                let start = match args.get(1).copied().or(Self::kwarg(kwargs, "start")) {
                    Some(s) => self.int_arg(s)?,
                    None => 0,
                };
                let it = self.get_iter(args[0])?;
                Ok(self.alloc(Obj::Iter(Box::new(IterState::Enumerate { iter: it, count: start }))))
            }
            TypeTag::Zip => {
                if let Some(s) = Self::kwarg(kwargs, "strict") {
                    if self.truthy(s)? {
                        return Err(PyErr::refusal("zip(strict=True)"));
                    }
                }
                let mut iters = Vec::new();
                for &a in args {
                    match self.get_iter(a) {
                        Ok(i) => iters.push(i),
                        Err(e) => {
                            for i in iters {
                                self.decref(i);
                            }
                            return Err(e);
                        }
                    }
                }
                Ok(self.alloc(Obj::Iter(Box::new(IterState::Zip { iters }))))
            }
            TypeTag::Object => {
                if !args.is_empty() {
                    return Err(PyErr::type_error("object() takes no arguments".into()));
                }
                let o = self.types[&TypeTag::Object];
                self.incref(o);
                Ok(self.alloc(Obj::Instance(Box::new(crate::object::Instance {
                    class: o,
                    attrs: Vec::new(),
                    dict: ObjRef::NULL,
                    dict_embedded: false,
                    exc: None,
                }))))
            }
            TypeTag::Type => {
                if args.len() == 1 {
                    let c = self.class_of(args[0]);
                    self.incref(c);
                    return Ok(c);
                }
                if args.len() == 3 {
                    // making a class this way is not modelled
                    return Err(PyErr::refusal("type() with three arguments"));
                }
                Err(PyErr::type_error("type() takes 1 or 3 arguments".into()))
            }
            TypeTag::WeakRef => {
                if args.is_empty() || args.len() > 2 {
                    return Err(PyErr::type_error(format!("__new__ expected at most 2 arguments, got {}", args.len())));
                }
                self.new_weakref(args[0], args.get(1).copied().unwrap_or(ObjRef::NULL))
            }
            _ => Err(PyErr::type_error(format!("cannot create '{name}' instances"))),
        }
    }

    /// print()'s writes: one per argument, separator and end, each through
    /// `PyFile_WriteObject`, which looks `write` up on the file first (a bound
    /// built-in method, freed after the write), then takes the value's str():
    /// `PyObject_Str` starts with `PyErr_CheckSignals`, which runs a scheduled
    /// collection, so a collection can run between two writes of one print.
    fn print_args(&mut self, args: &[ObjRef], sep: &str, end: &str) -> Result<(), PyErr> {
        for (i, a) in args.iter().enumerate() {
            if i > 0 {
                self.print_text(sep)?;
            }
            self.transient_gc_alloc();
            let text = self.eval_breaker().and_then(|()| self.to_str(*a));
            if let Ok(text) = &text {
                self.write_stdout(text);
            }
            self.transient_gc_free();
            text?;
        }
        self.print_text(end)
    }

    fn print_text(&mut self, text: &str) -> Result<(), PyErr> {
        self.transient_gc_alloc();
        let r = self.eval_breaker();
        if r.is_ok() {
            self.write_stdout(text);
        }
        self.transient_gc_free();
        r
    }

    /// sys.stdout.write: the text, and the objects CPython's TextIOWrapper makes
    /// while buffering (its pending-bytes list is a GC object: it shows in gc counts).
    pub fn write_stdout(&mut self, text: &str) {
        // Output is kept up to a bound, then one notice: the program goes on
        // (its memory model is unchanged), only the text is not kept.
        let room = MAX_OUTPUT.saturating_sub(self.stdout.len());
        let kept = if text.len() <= room {
            text
        } else {
            let mut cut = room;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            &text[..cut]
        };
        if kept.len() < text.len() && !self.output_truncated {
            self.output_truncated = true;
            let notice = format!("{kept}\n[gcplay: output past {} MiB is not shown]\n", MAX_OUTPUT >> 20);
            self.stdout.push_str(&notice);
            if self.tracing {
                self.trace.push(Event::Stdout { text: notice.into() });
            }
        } else if !self.output_truncated {
            self.stdout.push_str(text);
            if self.tracing && !text.is_empty() {
                self.trace.push(Event::Stdout { text: text.into() });
            }
        }
        const CHUNK: usize = 8192;
        let len = text.len();
        if self.io_pending_bytes + len > CHUNK {
            self.flush_stdout();
            self.io_pending = 1;
        } else if self.io_pending == 0 {
            self.io_pending = 1;
        } else if self.io_pending_list.is_null() {
            let l = self.alloc_hidden(Obj::List(Vec::new()));
            self.io_pending_list = l;
        }
        self.io_pending_bytes += len;
        if self.io_pending_bytes >= CHUNK {
            self.flush_stdout();
        }
    }

    fn flush_stdout(&mut self) {
        let l = std::mem::replace(&mut self.io_pending_list, ObjRef::NULL);
        self.xdecref(l);
        self.io_pending = 0;
        self.io_pending_bytes = 0;
    }

    /// Py_ReprEnter's first use makes the thread-state dict and its list.
    pub(crate) fn repr_enter_state(&mut self) {
        if self.repr_state.is_null() {
            let d = self.alloc_hidden(Obj::Dict(Box::new(Dict::new())));
            let l = self.alloc_hidden(Obj::List(Vec::new()));
            self.repr_state = d;
            self.repr_state_list = l;
        }
    }

    /// Methods of built-in types: `args[0]` is self.
    fn call_method(&mut self, f: Builtin, args: &[ObjRef], kwargs: Kw) -> Result<ObjRef, PyErr> {
        use Builtin as B;
        if args.is_empty() {
            return Err(PyErr::type_error(format!("descriptor '{}' needs an argument", f.name())));
        }
        let this = args[0];
        let rest = &args[1..];
        let bound = std::mem::take(&mut self.bound_call);
        self.method_call_shape(f, this, rest, kwargs, bound)?;
        match f {
            B::ListAppend => {
                self.arity(f, rest, 1, 1)?;
                self.list_push(this, rest[0]);
                Ok(self.none)
            }
            B::ObjectGetattribute => {
                self.arity(f, rest, 1, 1)?;
                let name = self.attr_name_arg(rest[0])?;
                self.object_getattribute(this, &name)
            }
            B::ObjectSetattr | B::ObjectDelattr => {
                let n = if f == B::ObjectSetattr { 2 } else { 1 };
                self.arity(f, rest, n, n)?;
                let name = self.attr_name_arg(rest[0])?;
                if n == 2 {
                    self.object_setattr(this, &name, rest[1])?;
                } else {
                    self.object_delattr(this, &name)?;
                }
                Ok(self.none)
            }
            B::ListExtend => {
                self.arity(f, rest, 1, 1)?;
                self.list_extend(this, rest[0])?;
                Ok(self.none)
            }
            B::ListInsert => {
                self.arity(f, rest, 2, 2)?;
                let len = self.seq_items(this).len() as i64;
                let i = self.int_arg(rest[0])?;
                let i = if i < 0 { (i + len).max(0) } else { i.min(len) } as usize;
                let item = rest[1];
                self.incref(item);
                if let Obj::List(v) = self.heap.get_mut(this) {
                    v.insert(i, item);
                }
                if self.tracing {
                    let id = self.heap.serial(this);
                    self.trace.push(Event::ListInsert { id, index: i as u32, item: self.heap.serial(item) });
                }
                Ok(self.none)
            }
            B::ListPop => {
                self.arity(f, rest, 0, 1)?;
                let len = self.seq_items(this).len();
                if len == 0 {
                    return Err(PyErr::new("IndexError", "pop from empty list".into()));
                }
                let i = match rest.first() {
                    Some(a) => {
                        let i = self.int_arg(*a)?;
                        let i = if i < 0 { i + len as i64 } else { i };
                        if i < 0 || i >= len as i64 {
                            return Err(PyErr::new("IndexError", "pop index out of range".into()));
                        }
                        i as usize
                    }
                    None => len - 1,
                };
                let item = match self.heap.get_mut(this) {
                    Obj::List(v) => v.remove(i),
                    _ => unreachable!(),
                };
                if self.tracing {
                    let id = self.heap.serial(this);
                    self.trace.push(Event::ListRemove { id, index: i as u32 });
                }
                Ok(item)
            }
            B::ListRemove => {
                self.arity(f, rest, 1, 1)?;
                let items = self.seq_items(this);
                for (i, x) in items.into_iter().enumerate() {
                    if x == rest[0] || self.equal(x, rest[0])? {
                        let old = match self.heap.get_mut(this) {
                            Obj::List(v) => v.remove(i),
                            _ => unreachable!(),
                        };
                        if self.tracing {
                            let id = self.heap.serial(this);
                            self.trace.push(Event::ListRemove { id, index: i as u32 });
                        }
                        self.decref(old);
                        return Ok(self.none);
                    }
                }
                Err(PyErr::new("ValueError", "list.remove(x): x not in list".into()))
            }
            B::ListIndex | B::TupleIndex => {
                self.arity(f, rest, 1, 3)?;
                let items = self.seq_items(this);
                for (i, x) in items.into_iter().enumerate() {
                    if x == rest[0] || self.equal(x, rest[0])? {
                        return Ok(self.int(i as i64));
                    }
                }
                if f == B::TupleIndex {
                    return Err(PyErr::new("ValueError", "tuple.index(x): x not in tuple".into()));
                }
                let r = self.repr(rest[0])?;
                Err(PyErr::new("ValueError", format!("{r} is not in list")))
            }
            B::ListCount | B::TupleCount => {
                self.arity(f, rest, 1, 1)?;
                let mut n = 0;
                for x in self.seq_items(this) {
                    if x == rest[0] || self.equal(x, rest[0])? {
                        n += 1;
                    }
                }
                Ok(self.int(n))
            }
            B::ListClear => {
                let items = match self.heap.get_mut(this) {
                    Obj::List(v) => std::mem::take(v),
                    _ => Vec::new(),
                };
                if self.tracing {
                    self.trace_items(this);
                }
                for x in items.into_iter().rev() {
                    self.decref(x);
                }
                Ok(self.none)
            }
            B::ListSort => {
                self.list_sort(this, kwargs)?;
                Ok(self.none)
            }
            B::ListReverse => {
                if let Obj::List(v) = self.heap.get_mut(this) {
                    v.reverse();
                }
                if self.tracing {
                    self.trace_items(this);
                }
                Ok(self.none)
            }
            B::ListCopy => {
                let items = self.seq_items(this);
                for &x in &items {
                    self.incref(x);
                }
                Ok(self.new_list(items))
            }
            B::DictGet => {
                self.arity(f, rest, 1, 2)?;
                let k = self.key_in(this, rest[0])?;
                let found = match self.heap.get(this) {
                    Obj::Dict(d) => d.get(&k),
                    _ => None,
                };
                let r = found.or(rest.get(1).copied()).unwrap_or(self.none);
                self.incref(r);
                Ok(r)
            }
            B::DictKeys | B::DictValues | B::DictItems => {
                let kind = match f {
                    B::DictKeys => DictViewKind::Keys,
                    B::DictValues => DictViewKind::Values,
                    _ => DictViewKind::Items,
                };
                self.incref(this);
                Ok(self.alloc(Obj::DictView { dict: this, kind }))
            }
            B::DictPop => {
                self.arity(f, rest, 1, 2)?;
                match self.dict_pop(this, rest[0])? {
                    Some(v) => Ok(v),
                    None => match rest.get(1) {
                        Some(&d) => {
                            self.incref(d);
                            Ok(d)
                        }
                        None => Err(self.key_error(rest[0])),
                    },
                }
            }
            B::DictPopitem => {
                let last = match self.heap.get(this) {
                    Obj::Dict(d) => d.iter().last(),
                    _ => None,
                };
                let Some((k, _)) = last else {
                    return Err(PyErr::new("KeyError", "popitem(): dictionary is empty".into()));
                };
                self.incref(k);
                let v = self.dict_pop(this, k)?.unwrap_or(self.none);
                Ok(self.new_tuple(vec![k, v]))
            }
            B::DictSetdefault => {
                self.arity(f, rest, 1, 2)?;
                let k = self.key_in(this, rest[0])?;
                let found = match self.heap.get(this) {
                    Obj::Dict(d) => d.get(&k),
                    _ => None,
                };
                match found {
                    Some(v) => {
                        self.incref(v);
                        Ok(v)
                    }
                    None => {
                        let d = rest.get(1).copied().unwrap_or(self.none);
                        if k.needs_eq() {
                            // hashed once, as CPython's setdefault does
                            self.dict_set_key(this, rest[0], d, k)?;
                        } else {
                            self.dict_set(this, rest[0], d)?;
                        }
                        self.incref(d);
                        Ok(d)
                    }
                }
            }
            B::DictUpdate => {
                if let Some(&o) = rest.first() {
                    self.dict_update(this, o)?;
                }
                for (k, v) in kwargs {
                    let key = self.str(k);
                    let r = self.dict_set(this, key, *v);
                    self.decref(key);
                    r?;
                }
                Ok(self.none)
            }
            B::DictClear => {
                // a 3.13 instance's dict does not own the values it shows: it
                // takes them over first (clearing dropped them a second time)
                self.detach_embedded(this);
                let entries = match self.heap.get_mut(this) {
                    Obj::Dict(d) => d.drain(),
                    _ => Vec::new(),
                };
                if self.tracing {
                    self.trace_items(this);
                }
                for e in entries {
                    self.decref(e.key);
                    self.decref(e.value);
                }
                Ok(self.none)
            }
            B::DictCopy => {
                let d = self.alloc(Obj::Dict(Box::new(Dict::new())));
                self.dict_update(d, this)?;
                Ok(d)
            }
            B::SetAdd => {
                self.arity(f, rest, 1, 1)?;
                self.set_add(this, rest[0])?;
                Ok(self.none)
            }
            B::SetDiscard => {
                self.arity(f, rest, 1, 1)?;
                self.set_discard(this, rest[0])?;
                Ok(self.none)
            }
            B::SetRemove => {
                self.arity(f, rest, 1, 1)?;
                if !self.set_discard(this, rest[0])? {
                    return Err(self.key_error(rest[0]));
                }
                Ok(self.none)
            }
            B::SetPop => {
                let first = self.set_members(this).first().copied();
                match first {
                    Some(x) => {
                        self.incref(x);
                        self.set_discard(this, x)?;
                        Ok(x)
                    }
                    None => Err(PyErr::new("KeyError", "'pop from an empty set'".into())),
                }
            }
            B::SetClear => {
                self.set_clear(this);
                Ok(self.none)
            }
            B::SetUnion => {
                let acc = self.set_copy(this)?;
                for &o in rest {
                    if o != this {
                        if let Err(e) = self.set_update(acc, o) {
                            self.decref(acc);
                            return Err(e);
                        }
                    }
                }
                Ok(acc)
            }
            B::SetIntersection | B::SetIntersectionUpdate => {
                let acc = if rest.is_empty() {
                    self.set_copy(this)?
                } else {
                    self.incref(this);
                    let mut acc = this;
                    for &o in rest {
                        let r = self.set_intersection(acc, o);
                        self.decref(acc);
                        acc = r?;
                    }
                    acc
                };
                if f == B::SetIntersection {
                    return Ok(acc);
                }
                self.set_intersection_update(this, acc);
                Ok(self.none)
            }
            B::SetDifference => {
                let Some((&first, others)) = rest.split_first() else { return self.set_copy(this) };
                let acc = self.set_difference(this, first)?;
                for &o in others {
                    if let Err(e) = self.set_difference_update(acc, o) {
                        self.decref(acc);
                        return Err(e);
                    }
                }
                Ok(acc)
            }
            B::SetDifferenceUpdate => {
                for &o in rest {
                    self.set_difference_update(this, o)?;
                }
                Ok(self.none)
            }
            B::SetSymmetricDifference => self.set_symmetric_difference(this, rest[0]),
            B::SetSymmetricDifferenceUpdate => {
                self.set_symmetric_difference_update(this, rest[0])?;
                Ok(self.none)
            }
            B::SetUpdate => {
                for &o in rest {
                    self.set_update(this, o)?;
                }
                Ok(self.none)
            }
            B::SetCopy => {
                if matches!(self.heap.get(this), Obj::Set(s) if s.frozen) {
                    // frozenset.copy() is the frozenset itself
                    self.incref(this);
                    return Ok(this);
                }
                self.set_copy(this)
            }
            B::SetIssubset | B::SetIssuperset | B::SetIsdisjoint => {
                let answer = self.set_compare_method(f, this, rest[0])?;
                Ok(self.bool(answer))
            }
            B::GenSend => {
                self.arity(f, rest, 1, 1)?;
                let started = matches!(self.heap.get(this), Obj::Generator(g) if g.started);
                if !started && rest[0] != self.none {
                    return Err(PyErr::type_error("can't send non-None value to a just-started generator".into()));
                }
                match self.resume_generator(this, rest[0])? {
                    Some(v) => Ok(v),
                    None => Err(self.stop_iteration()),
                }
            }
            B::GenClose => {
                self.arity(f, rest, 0, 0)?;
                self.close_generator(this)?;
                Ok(self.none)
            }
            B::GenThrow => {
                self.arity(f, rest, 1, 1)?;
                let err = self.throw_error(rest[0])?;
                match self.resume_generator_with(this, Resume::Throw(err))? {
                    Some(v) => Ok(v),
                    None => Err(self.stop_iteration()),
                }
            }
            B::FinalizerDetach => Ok(self.finalizer_info(this, true)),
            B::FinalizerPeek => Ok(self.finalizer_info(this, false)),
            B::IntBitCount => {
                let n = match self.heap.get(this) {
                    Obj::Int(i) => i.unsigned_abs().count_ones() as u64,
                    Obj::Big(b) => b.magnitude().count_ones(),
                    Obj::Bool(b) => *b as u64,
                    _ => 0,
                };
                Ok(self.int(n as i64))
            }
            B::FloatIsInteger => {
                let r = matches!(self.heap.get(this), Obj::Float(x) if x.is_finite() && x.fract() == 0.0);
                Ok(self.bool(r))
            }
            B::IntBitLength => {
                let n = match self.heap.get(this) {
                    Obj::Int(i) => 64 - i.unsigned_abs().leading_zeros() as u64,
                    Obj::Big(b) => b.bits(),
                    Obj::Bool(b) => *b as u64,
                    _ => 0,
                };
                Ok(self.int(n as i64))
            }
            _ => self.str_method(f, this, rest, kwargs),
        }
    }

    /// list.sort(key=None, reverse=False): a stable sort, comparing with `<`.
    pub(crate) fn list_sort(&mut self, list: ObjRef, kwargs: Kw) -> Result<(), PyErr> {
        let key = Self::kwarg(kwargs, "key").filter(|&k| k != self.none);
        let reverse = match Self::kwarg(kwargs, "reverse") {
            Some(r) => self.truthy(r)?,
            None => false,
        };
        let items = self.seq_items(list);
        let mut keyed: Vec<(ObjRef, ObjRef)> = Vec::with_capacity(items.len());
        for &x in &items {
            let k = match key {
                Some(kf) => match self.call_object(kf, &[x], &[]) {
                    Ok(k) => k,
                    Err(e) => {
                        for (k, _) in keyed {
                            self.decref(k);
                        }
                        return Err(e);
                    }
                },
                None => {
                    self.incref(x);
                    x
                }
            };
            keyed.push((k, x));
        }
        // insertion-merge sort that propagates comparison errors
        let mut err = None;
        let mut sorted: Vec<(ObjRef, ObjRef)> = Vec::with_capacity(keyed.len());
        for item in keyed.iter().copied() {
            if err.is_some() {
                break;
            }
            let mut lo = 0;
            let mut hi = sorted.len();
            while lo < hi {
                let mid = (lo + hi) / 2;
                let less = if reverse {
                    self.compare(crate::code::CmpOp::Lt, sorted[mid].0, item.0)
                } else {
                    self.compare(crate::code::CmpOp::Lt, item.0, sorted[mid].0)
                };
                match less {
                    Ok(true) => hi = mid,
                    Ok(false) => lo = mid + 1,
                    Err(e) => {
                        err = Some(e);
                        break;
                    }
                }
            }
            sorted.insert(lo, item);
            self.work(sorted.len() as u64 / 8 + 1)?;
        }
        for (k, _) in &keyed {
            self.decref(*k);
        }
        if let Some(e) = err {
            return Err(e);
        }
        if let Obj::List(v) = self.heap.get_mut(list) {
            *v = sorted.into_iter().map(|(_, x)| x).collect();
        }
        if self.tracing {
            self.trace_items(list);
        }
        Ok(())
    }

    fn str_method(&mut self, f: Builtin, this: ObjRef, rest: &[ObjRef], kwargs: Kw) -> Result<ObjRef, PyErr> {
        use Builtin as B;
        let s: Rc<str> = match self.heap.get(this) {
            Obj::Str(s) => s.clone(),
            _ => return Err(PyErr::type_error(format!("descriptor '{}' requires a 'str' object", f.name()))),
        };
        let arg_str = |vm: &Vm, i: usize| -> Result<Option<Rc<str>>, PyErr> {
            match rest.get(i) {
                None => Ok(None),
                Some(&r) if r == vm.none => Ok(None),
                Some(&r) => match vm.heap.get(r) {
                    Obj::Str(t) => Ok(Some(t.clone())),
                    _ => Err(PyErr::type_error(format!("must be str, not {}", vm.type_name(r)))),
                },
            }
        };
        let py = self.profile.python;
        let out: Result<String, PyErr> = match f {
            B::StrJoin => {
                let items = self.collect_iterable(rest.first().copied().unwrap_or(self.none)).map_err(|mut e| {
                    // PySequence_Fast words a failed iter() its own way
                    if let Some((ty, msg)) = &mut e.lazy {
                        if &**ty == "TypeError" && msg.ends_with("object is not iterable") {
                            *msg = "can only join an iterable".into();
                        }
                    }
                    e
                })?;
                let mut parts = Vec::with_capacity(items.len());
                let mut err = None;
                for (i, &x) in items.iter().enumerate() {
                    match self.heap.get(x) {
                        Obj::Str(t) => parts.push(t.to_string()),
                        _ => {
                            err = Some(PyErr::type_error(format!(
                                "sequence item {i}: expected str instance, {} found",
                                self.type_name(x)
                            )));
                            break;
                        }
                    }
                }
                for x in items {
                    self.decref(x);
                }
                match err {
                    Some(e) => Err(e),
                    None => Ok(parts.join(&s)),
                }
            }
            B::StrSplit | B::StrRsplit => {
                let sep = match rest.first().copied().or(Self::kwarg(kwargs, "sep")) {
                    None => None,
                    Some(r) if r == self.none => None,
                    Some(r) => match self.heap.get(r) {
                        Obj::Str(t) => Some(t.clone()),
                        _ => return Err(PyErr::type_error(format!("must be str or None, not {}", self.type_name(r)))),
                    },
                };
                let max = match rest.get(1).copied().or(Self::kwarg(kwargs, "maxsplit")) {
                    Some(r) => self.int_arg(r)?,
                    None => -1,
                };
                let max = if max < 0 { usize::MAX } else { max as usize };
                let parts = split_str(&s, sep.as_deref(), max, f == B::StrRsplit, py)?;
                let items = parts.iter().map(|p| self.str(p)).collect();
                return Ok(self.new_list(items));
            }
            B::StrPartition | B::StrRpartition => {
                let Some(sep) = arg_str(self, 0)? else {
                    return Err(PyErr::type_error(format!(
                        "must be str, not {}",
                        self.type_name(rest.first().copied().unwrap_or(self.none))
                    )));
                };
                if sep.is_empty() {
                    return Err(PyErr::new("ValueError", "empty separator".into()));
                }
                let at = if f == B::StrPartition { s.find(&*sep) } else { s.rfind(&*sep) };
                // not found: the string itself and two empty strings
                let items = match at {
                    Some(b) => {
                        vec![self.str(&s[..b]), self.str(&sep), self.str(&s[b + sep.len()..])]
                    }
                    None => {
                        self.incref(this);
                        let (e1, e2) = (self.str(""), self.str(""));
                        if f == B::StrPartition {
                            vec![this, e1, e2]
                        } else {
                            vec![e1, e2, this]
                        }
                    }
                };
                return Ok(self.new_tuple(items));
            }
            B::StrRemoveprefix | B::StrRemovesuffix => {
                let Some(a) = arg_str(self, 0)? else {
                    return Err(PyErr::type_error(format!("{}() takes exactly one argument (0 given)", f.name())));
                };
                let cut = if f == B::StrRemoveprefix { s.strip_prefix(&*a) } else { s.strip_suffix(&*a) };
                Ok(cut.unwrap_or(&s).to_string())
            }
            B::StrIsascii => return Ok(self.bool(s.is_ascii())),
            B::StrSplitlines => {
                let keepends = match rest.first().copied().or(Self::kwarg(kwargs, "keepends")) {
                    Some(k) => self.truthy(k)?,
                    None => false,
                };
                let items = unicode::split_lines(&s, keepends).map(|p| self.str(p)).collect();
                return Ok(self.new_list(items));
            }
            B::StrUpper => Ok(unicode::upper(&s, py)),
            B::StrLower => Ok(unicode::lower(&s, py)),
            B::StrSwapcase => Ok(unicode::swapcase(&s, py)),
            B::StrStrip | B::StrLstrip | B::StrRstrip => {
                let chars = arg_str(self, 0)?;
                let pat = |c: char| match &chars {
                    Some(cs) => cs.contains(c),
                    None => unicode::is_space(c, py),
                };
                Ok(match f {
                    B::StrStrip => s.trim_matches(pat).to_string(),
                    B::StrLstrip => s.trim_start_matches(pat).to_string(),
                    _ => s.trim_end_matches(pat).to_string(),
                })
            }
            B::StrReplace => {
                let (Some(a), Some(b)) = (arg_str(self, 0)?, arg_str(self, 1)?) else {
                    return Err(PyErr::type_error("replace expected at least 2 arguments".into()));
                };
                Ok(s.replace(&*a, &b))
            }
            B::StrStartswith | B::StrEndswith => {
                // s[start:end] as tailmatch sees it: none when start is past end
                let chars: Vec<(usize, char)> = s.char_indices().collect();
                let (a, z) = self.slice_bounds(rest.get(1).copied(), rest.get(2).copied(), chars.len())?;
                let byte = |i: usize| chars.get(i).map_or(s.len(), |c| c.0);
                let window = (a <= z).then(|| &s[byte(a)..byte(z)]);
                let hit = |p: &str| {
                    window.is_some_and(|w| if f == B::StrStartswith { w.starts_with(p) } else { w.ends_with(p) })
                };
                let first = rest.first().copied().unwrap_or(self.none);
                // the prefixes of a tuple are tried in order, each checked as it comes
                let items: &[ObjRef] = match self.heap.get(first) {
                    Obj::Str(p) => return Ok(self.bool(hit(p))),
                    Obj::Tuple(t) => t,
                    _ => {
                        return Err(PyErr::type_error(format!(
                            "{} first arg must be str or a tuple of str, not {}",
                            f.name(),
                            self.type_name(first)
                        )))
                    }
                };
                for &x in items {
                    match self.heap.get(x) {
                        Obj::Str(p) if hit(p) => return Ok(self.true_),
                        Obj::Str(_) => {}
                        _ => {
                            return Err(PyErr::type_error(format!(
                                "tuple for {} must only contain str, not {}",
                                f.name(),
                                self.type_name(x)
                            )))
                        }
                    }
                }
                return Ok(self.false_);
            }
            B::StrFind | B::StrIndex | B::StrRfind | B::StrRindex | B::StrCount => {
                let sub = match rest.first().map(|&r| self.heap.get(r)) {
                    Some(Obj::Str(t)) => t.clone(),
                    Some(_) => {
                        let r = rest[0];
                        return Err(PyErr::type_error(format!("must be str, not {}", self.type_name(r))));
                    }
                    None => {
                        return Err(PyErr::type_error(format!("{}() takes at least 1 argument (0 given)", f.name())))
                    }
                };
                // the search happens in s[start:end], as a slice takes them (in characters)
                let chars: Vec<(usize, char)> = s.char_indices().collect();
                let (a, z) = self.slice_bounds(rest.get(1).copied(), rest.get(2).copied(), chars.len())?;
                let byte = |i: usize| chars.get(i).map_or(s.len(), |c| c.0);
                let window = if a <= z { &s[byte(a)..byte(z)] } else { "" };
                let to_char = |b: usize| a + window[..b].chars().count();
                if f == B::StrCount {
                    let n = if a > z || (a > chars.len()) {
                        0
                    } else if sub.is_empty() {
                        z - a + 1
                    } else {
                        window.matches(&*sub).count()
                    };
                    return Ok(self.int(n as i64));
                }
                // an empty substring is found at start when start <= len
                let found = if a > chars.len() || a > z {
                    None
                } else if matches!(f, B::StrFind | B::StrIndex) {
                    window.find(&*sub).map(to_char)
                } else {
                    window.rfind(&*sub).map(to_char)
                };
                match found {
                    Some(i) => return Ok(self.int(i as i64)),
                    None if matches!(f, B::StrFind | B::StrRfind) => return Ok(self.int(-1)),
                    None => return Err(PyErr::new("ValueError", "substring not found".into())),
                }
            }
            B::StrIsdigit | B::StrIsalpha | B::StrIsalnum | B::StrIsdecimal | B::StrIsnumeric | B::StrIsspace => {
                let any = match f {
                    B::StrIsdigit => unicode::DIGIT,
                    B::StrIsalpha => unicode::ALPHA,
                    B::StrIsdecimal => unicode::DECIMAL,
                    B::StrIsnumeric => unicode::NUMERIC,
                    B::StrIsspace => unicode::SPACE,
                    _ => unicode::ALPHA | unicode::DECIMAL | unicode::DIGIT | unicode::NUMERIC,
                };
                return Ok(self.bool(unicode::all_are(&s, any, py)));
            }
            B::StrIsprintable => return Ok(self.bool(s.chars().all(|c| unicode::is_printable(c, py)))),
            B::StrIsupper | B::StrIslower => return Ok(self.bool(unicode::is_cased_as(&s, f == B::StrIsupper, py))),
            B::StrIstitle => return Ok(self.bool(unicode::is_title(&s, py))),
            B::StrTitle => Ok(unicode::title(&s, py)),
            B::StrCapitalize => Ok(unicode::capitalize(&s, py)),
            B::StrRjust | B::StrLjust | B::StrCenter | B::StrZfill => {
                let w = match rest.first() {
                    Some(&r) => self.int_arg(r)?.max(0) as usize,
                    None => {
                        return Err(PyErr::type_error(format!("{}() takes at least 1 argument (0 given)", f.name())))
                    }
                };
                let fill = arg_str(self, 1)?.and_then(|t| t.chars().next()).unwrap_or(if f == B::StrZfill {
                    '0'
                } else {
                    ' '
                });
                let n = s.chars().count();
                if n >= w {
                    Ok(s.to_string())
                } else {
                    let pad = w - n;
                    let p = |k: usize| fill.to_string().repeat(k);
                    Ok(match f {
                        B::StrRjust | B::StrZfill => {
                            if f == B::StrZfill && (s.starts_with('-') || s.starts_with('+')) {
                                format!("{}{}{}", &s[..1], p(pad), &s[1..])
                            } else {
                                format!("{}{s}", p(pad))
                            }
                        }
                        B::StrLjust => format!("{s}{}", p(pad)),
                        _ => {
                            let left = pad / 2 + (pad & w & 1);
                            format!("{}{s}{}", p(left), p(pad - left))
                        }
                    })
                }
            }
            B::StrFormat => {
                let mut out = String::new();
                let mut auto = 0usize;
                let chars: Vec<char> = s.chars().collect();
                let mut i = 0;
                while i < chars.len() {
                    let c = chars[i];
                    if c == '{' && chars.get(i + 1) == Some(&'{') {
                        out.push('{');
                        i += 2;
                        continue;
                    }
                    if c == '}' && chars.get(i + 1) == Some(&'}') {
                        out.push('}');
                        i += 2;
                        continue;
                    }
                    if c == '{' {
                        let end = chars[i..].iter().position(|&x| x == '}').map(|p| p + i);
                        let Some(end) = end else {
                            return Err(PyErr::new("ValueError", "Single '{' encountered in format string".into()));
                        };
                        let field: String = chars[i + 1..end].iter().collect();
                        let (name, spec) = field
                            .split_once(':')
                            .map(|(a, b)| (a.to_string(), b.to_string()))
                            .unwrap_or((field.clone(), String::new()));
                        let (name, conv) = name
                            .split_once('!')
                            .map(|(a, b)| (a.to_string(), Some(b.to_string())))
                            .unwrap_or((name, None));
                        if name.contains(['[', '.']) || spec.contains('{') {
                            return Err(PyErr::refusal("str.format() fields with an index, attribute or nested field"));
                        }
                        let mut wanted = auto;
                        let numbered = name.parse::<usize>().ok();
                        // automatic numbering (auto counts fields) and manual (usize::MAX) do not mix
                        let switch = match (name.is_empty(), numbered.is_some()) {
                            (true, _) if auto == usize::MAX => {
                                Some("manual field specification to automatic field numbering")
                            }
                            (false, true) if auto > 0 && auto != usize::MAX => {
                                Some("automatic field numbering to manual field specification")
                            }
                            _ => None,
                        };
                        if let Some(m) = switch {
                            return Err(PyErr::new("ValueError", format!("cannot switch from {m}")));
                        }
                        let v = if name.is_empty() {
                            let v = rest.get(auto).copied();
                            auto += 1;
                            v
                        } else if let Some(n) = numbered {
                            (wanted, auto) = (n, usize::MAX);
                            rest.get(n).copied()
                        } else {
                            match kwargs.iter().find(|(k, _)| **k == *name) {
                                Some((_, v)) => Some(*v),
                                None => {
                                    let k = self.str(&name);
                                    let e = self.key_error(k);
                                    self.decref(k);
                                    return Err(e);
                                }
                            }
                        };
                        let Some(v) = v else {
                            return Err(PyErr::new(
                                "IndexError",
                                format!("Replacement index {wanted} out of range for positional args tuple"),
                            ));
                        };
                        let text = match conv.as_deref() {
                            Some("a") => {
                                let r = super::format::ascii(&self.repr(v)?);
                                format_text(&r, &spec, self)?
                            }
                            Some("r") => {
                                let r = self.repr(v)?;
                                format_text(&r, &spec, self)?
                            }
                            Some("s") => {
                                let r = self.to_str(v)?;
                                format_text(&r, &spec, self)?
                            }
                            _ => self.format_object(v, &spec)?,
                        };
                        out.push_str(&text);
                        i = end + 1;
                        continue;
                    }
                    out.push(c);
                    i += 1;
                }
                Ok(out)
            }
            other => Err(PyErr::type_error(format!("{}() is not supported here", other.name()))),
        };
        let out = out?;
        // unicode_result_unchanged: these give back the very string when nothing changed
        let same = matches!(
            f,
            B::StrStrip
                | B::StrLstrip
                | B::StrRstrip
                | B::StrReplace
                | B::StrRjust
                | B::StrLjust
                | B::StrCenter
                | B::StrZfill
                | B::StrRemoveprefix
                | B::StrRemovesuffix
        ) && *out == *s;
        if same {
            self.incref(this);
            return Ok(this);
        }
        Ok(self.str(&out))
    }

    /// A slice's start and end for a length (None for either end), clamped as
    /// `str.find` and friends read them: start may pass the end.
    fn slice_bounds(&self, start: Option<ObjRef>, end: Option<ObjRef>, len: usize) -> Result<(usize, usize), PyErr> {
        let bound = |r: Option<ObjRef>, default: usize| -> Result<usize, PyErr> {
            match r {
                None => Ok(default),
                Some(r) if r == self.none => Ok(default),
                Some(r) => {
                    let i = self.index_of(r).ok_or_else(|| {
                        PyErr::type_error("slice indices must be integers or None or have an __index__ method".into())
                    })?;
                    let n = len as i64;
                    Ok(if i < 0 { (i + n).max(0) as usize } else { i as usize })
                }
            }
        };
        let a = bound(start, 0)?;
        let z = bound(end, len)?.min(len);
        Ok((a, z))
    }
}

/// `str.split` and `str.rsplit`: by a separator, or by runs of whitespace,
/// at most `max` times (from the right for rsplit).
fn split_str(
    s: &str,
    sep: Option<&str>,
    max: usize,
    right: bool,
    py: crate::profile::Python,
) -> Result<Vec<String>, PyErr> {
    match sep {
        Some("") => Err(PyErr::new("ValueError", "empty separator".into())),
        Some(sep) => Ok(if right {
            let mut v: Vec<String> = s.rsplitn(max.saturating_add(1), sep).map(str::to_string).collect();
            v.reverse();
            v
        } else {
            s.splitn(max.saturating_add(1), sep).map(str::to_string).collect()
        }),
        None => {
            // runs of whitespace; after max splits the rest is kept, stripped on the split side only
            let space = |c: char| unicode::is_space(c, py);
            let mut out = Vec::new();
            if right {
                let mut rest = s.trim_end_matches(space);
                while !rest.is_empty() {
                    if out.len() == max {
                        out.push(rest.to_string());
                        break;
                    }
                    match rest.rfind(space) {
                        Some(b) => {
                            let w = rest[b..].chars().next().map_or(1, char::len_utf8);
                            out.push(rest[b + w..].to_string());
                            rest = rest[..b].trim_end_matches(space);
                        }
                        None => {
                            out.push(rest.to_string());
                            break;
                        }
                    }
                }
                out.reverse();
            } else {
                let mut rest = s.trim_start_matches(space);
                while !rest.is_empty() {
                    if out.len() == max {
                        out.push(rest.to_string());
                        break;
                    }
                    match rest.find(space) {
                        Some(b) => {
                            out.push(rest[..b].to_string());
                            rest = rest[b..].trim_start_matches(space);
                        }
                        None => {
                            out.push(rest.to_string());
                            break;
                        }
                    }
                }
            }
            Ok(out)
        }
    }
}

fn format_text(s: &str, spec: &str, vm: &mut Vm) -> Result<String, PyErr> {
    let r = vm.str(s);
    let out = vm.format_object(r, spec);
    vm.decref(r);
    out
}

impl Vm {
    /// sum()'s float total with its compensation added (unless 0 or not finite).
    fn sum_compensated(&mut self, acc: ObjRef, c: f64) -> ObjRef {
        match *self.heap.get(acc) {
            Obj::Float(s) if c != 0.0 && c.is_finite() => {
                self.decref(acc);
                self.alloc(Obj::Float(s + c))
            }
            _ => acc,
        }
    }
}

/// `a` rounded to a multiple of 10**-n (n < 0), ties to even (long_round); a
/// tie is broken upward when `inexact` (a float's dropped fraction).
fn round_pow10(a: &num_bigint::BigInt, n: i64, inexact: bool) -> num_bigint::BigInt {
    // past the number's digits the result is 0: no larger power is needed
    let k = n.unsigned_abs().min(a.bits() * 3 / 10 + 2) as u32;
    let p = (0..k).fold(num_bigint::BigInt::from(1u32), |p, _| p * 10u32);
    let a_abs = num_traits::Signed::abs(a);
    let (q, r) = (&a_abs / &p, &a_abs % &p);
    let twice = &r * 2u32;
    let up = twice > p || twice == p && (inexact || q.bit(0));
    let m = (q + u32::from(up)) * p;
    if num_traits::Signed::is_negative(a) {
        -m
    } else {
        m
    }
}

fn round_half_even(x: f64) -> f64 {
    let r = x.round();
    if (x - x.trunc()).abs() == 0.5 {
        2.0 * (x / 2.0).round()
    } else {
        r
    }
}

/// `int(text, base)` as CPython reads it: surrounding whitespace, a sign, the
/// base's prefix (base 0 takes it from the prefix, and refuses leading zeros
/// in a decimal), single underscores between digits. Err(None) for an invalid
/// literal, Err(Some(n)) past the 4300-digit limit of a non-power-of-two base.
fn parse_int_text(s: &str, base: u32, py: crate::profile::Python) -> Result<num_bigint::BigInt, Option<usize>> {
    let ascii = ascii_digits(s, py);
    let t = ascii.trim_matches(|c| super::unicode::is_space(c, py));
    let (neg, body) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let lower = body.get(..2).map(str::to_ascii_lowercase);
    let prefixed = match lower.as_deref() {
        Some("0x") => Some(16),
        Some("0o") => Some(8),
        Some("0b") => Some(2),
        _ => None,
    };
    let zero_base = base == 0;
    let (base, mut digits, after_prefix) = match prefixed {
        Some(p) if base == 0 || base == p => (p, &body[2..], true),
        _ => (if base == 0 { 10 } else { base }, body, false),
    };
    if after_prefix {
        // one underscore may follow the prefix
        digits = digits.strip_prefix('_').unwrap_or(digits);
    }
    let bytes = digits.as_bytes();
    if bytes.is_empty() || bytes[0] == b'_' || bytes[bytes.len() - 1] == b'_' || digits.contains("__") {
        return Err(None);
    }
    if !digits.chars().all(|c| c == '_' || c.is_digit(base)) {
        return Err(None);
    }
    let clean: String = digits.chars().filter(|&c| c != '_').collect();
    // base 0 without a prefix: a decimal with leading zeros is only zero
    if zero_base && !after_prefix && clean.starts_with('0') && clean.bytes().any(|d| d != b'0') {
        return Err(None);
    }
    if !base.is_power_of_two() && clean.len() > 4300 {
        return Err(Some(clean.len()));
    }
    let n = num_bigint::BigInt::parse_bytes(clean.as_bytes(), base).ok_or(None)?;
    Ok(if neg { -n } else { n })
}

/// Text with every Unicode decimal digit as its ASCII digit, as int() and
/// float() read it (_PyUnicode_TransformDecimalAndSpaceToASCII).
fn ascii_digits(s: &str, py: crate::profile::Python) -> String {
    s.chars()
        .map(|c| match decimal_value(c, py) {
            Some(d) if !c.is_ascii() => char::from_digit(d, 10).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// A Unicode decimal digit's value: decimal digits come in runs of ten from zero.
fn decimal_value(c: char, py: crate::profile::Python) -> Option<u32> {
    use super::unicode::{is, DECIMAL};
    if c.is_ascii() {
        return c.to_digit(10);
    }
    if !is(c, DECIMAL, py) {
        return None;
    }
    let mut z = c as u32;
    while z > 0 && char::from_u32(z - 1).is_some_and(|p| is(p, DECIMAL, py)) {
        z -= 1;
    }
    Some((c as u32 - z) % 10)
}
