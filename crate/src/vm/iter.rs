//! Iteration: `iter()` and `next()` for every iterable kind, generators included.

use super::{PyErr, Vm};
use crate::heap::ObjRef;
use crate::object::{DictViewKind, IterState, Obj, TypeTag};

impl Vm {
    pub fn get_iter(&mut self, v: ObjRef) -> Result<ObjRef, PyErr> {
        let state = match self.heap.get(v) {
            Obj::List(_) => IterState::Seq { seq: v, index: 0, tag: TypeTag::ListIter },
            Obj::Tuple(_) => IterState::Seq { seq: v, index: 0, tag: TypeTag::TupleIter },
            Obj::Str(_) => IterState::Seq { seq: v, index: 0, tag: TypeTag::StrIter },
            Obj::Range { start, stop, step } => IterState::Range { next: *start, stop: *stop, step: *step },
            Obj::Dict(d) => IterState::Dict { dict: v, pos: 0, kind: DictViewKind::Keys, len: d.len() },
            Obj::DictView { dict, kind } => {
                let (d, k) = (*dict, *kind);
                let len = match self.heap.get(d) {
                    Obj::Dict(x) => x.len(),
                    _ => 0,
                };
                self.incref(d);
                let it = self.alloc(Obj::Iter(Box::new(IterState::Dict { dict: d, pos: 0, kind: k, len })));
                return Ok(it);
            }
            Obj::Set(d) => IterState::Set { set: v, pos: 0, len: d.len() },
            Obj::Iter(_) | Obj::Generator(_) => {
                self.incref(v);
                return Ok(v);
            }
            Obj::Instance(_) => {
                if let Some(r) = self.call_special(v, "__iter__", &[]) {
                    return r;
                }
                if self.lookup_special(v, "__getitem__").map(|f| self.decref(f)).is_some() {
                    return Err(PyErr::type_error("iteration through __getitem__ is not supported in gcplay".into()));
                }
                return Err(PyErr::type_error(format!("'{}' object is not iterable", self.type_name(v))));
            }
            _ => return Err(PyErr::type_error(format!("'{}' object is not iterable", self.type_name(v)))),
        };
        if !matches!(state, IterState::Range { .. }) {
            self.incref(v);
        }
        Ok(self.alloc(Obj::Iter(Box::new(state))))
    }

    /// The next item as a new reference, or None when the iterator is exhausted.
    pub fn iter_next(&mut self, it: ObjRef) -> Result<Option<ObjRef>, PyErr> {
        if let Obj::Generator(_) = self.heap.get(it) {
            let none = self.none;
            let r = self.resume_generator(it, none);
            // a loop drops what the generator returned
            let v = std::mem::replace(&mut self.stop_value, ObjRef::NULL);
            self.xdecref(v);
            return r;
        }
        if let Obj::Instance(_) = self.heap.get(it) {
            return match self.call_special(it, "__next__", &[]) {
                Some(Ok(v)) => Ok(Some(v)),
                Some(Err(e)) if self.err_is(&e, "StopIteration") => {
                    self.discard(e);
                    Ok(None)
                }
                Some(Err(e)) => Err(e),
                None => Err(PyErr::type_error(format!("'{}' object is not an iterator", self.type_name(it)))),
            };
        }
        let Obj::Iter(state) = self.heap.get_mut(it) else {
            return Err(PyErr::type_error(format!("'{}' object is not an iterator", self.type_name(it))));
        };
        match &mut **state {
            IterState::Range { next, stop, step } => {
                let (n, s, st) = (*next, *stop, *step);
                if (st > 0 && n < s) || (st < 0 && n > s) {
                    *next = n + st;
                    Ok(Some(self.int(n)))
                } else {
                    Ok(None)
                }
            }
            IterState::Seq { seq, index, .. } => {
                let (s, i) = (*seq, *index);
                if s.is_null() {
                    return Ok(None);
                }
                let item = match self.heap.get(s) {
                    Obj::List(v) => v.get(i).copied().map(Ok),
                    Obj::Tuple(v) => v.get(i).copied().map(Ok),
                    Obj::Str(t) => t.chars().nth(i).map(Err),
                    _ => None,
                };
                match item {
                    Some(x) => {
                        if let Obj::Iter(st) = self.heap.get_mut(it) {
                            if let IterState::Seq { index, .. } = &mut **st {
                                *index += 1;
                            }
                        }
                        match x {
                            Ok(r) => {
                                self.incref(r);
                                Ok(Some(r))
                            }
                            Err(c) => Ok(Some(self.str(&c.to_string()))),
                        }
                    }
                    None => {
                        // exhausted iterators drop their sequence, as CPython's do
                        if let Obj::Iter(st) = self.heap.get_mut(it) {
                            if let IterState::Seq { seq, .. } = &mut **st {
                                *seq = ObjRef::NULL;
                            }
                        }
                        self.decref(s);
                        Ok(None)
                    }
                }
            }
            IterState::Reversed { seq, index } => {
                let (s, i) = (*seq, *index);
                if i < 0 || s.is_null() {
                    if !s.is_null() && self.profile.python == crate::profile::Python::P312 {
                        // 3.12 lets go of the list once exhausted; 3.13 keeps it
                        if let Obj::Iter(st) = self.heap.get_mut(it) {
                            if let IterState::Reversed { seq, .. } = &mut **st {
                                *seq = ObjRef::NULL;
                            }
                        }
                        self.decref(s);
                    }
                    return Ok(None);
                }
                let item = self.seq_items(s).get(i as usize).copied();
                if let Obj::Iter(st) = self.heap.get_mut(it) {
                    if let IterState::Reversed { index, .. } = &mut **st {
                        *index -= 1;
                    }
                }
                match item {
                    Some(x) => {
                        self.incref(x);
                        Ok(Some(x))
                    }
                    None => Ok(None),
                }
            }
            IterState::Dict { dict, pos, kind, len } => {
                let (d, p, k, l) = (*dict, *pos, *kind, *len);
                if d.is_null() {
                    return Ok(None);
                }
                let (cur_len, entry) = match self.heap.get(d) {
                    Obj::Dict(x) => (x.len(), x.nth_slot(p).map(|(i, e)| (i, e.key, e.value))),
                    _ => (0, None),
                };
                if cur_len != l {
                    if let Obj::Iter(st) = self.heap.get_mut(it) {
                        if let IterState::Dict { len, .. } = &mut **st {
                            *len = usize::MAX;
                        }
                    }
                    return Err(PyErr::new("RuntimeError", "dictionary changed size during iteration".into()));
                }
                match entry {
                    Some((i, key, value)) => {
                        if let Obj::Iter(st) = self.heap.get_mut(it) {
                            if let IterState::Dict { pos, .. } = &mut **st {
                                *pos = i + 1;
                            }
                        }
                        Ok(Some(match k {
                            DictViewKind::Keys => {
                                self.incref(key);
                                key
                            }
                            DictViewKind::Values => {
                                self.incref(value);
                                value
                            }
                            DictViewKind::Items => {
                                self.incref(key);
                                self.incref(value);
                                self.new_tuple(vec![key, value])
                            }
                        }))
                    }
                    None => {
                        if let Obj::Iter(st) = self.heap.get_mut(it) {
                            if let IterState::Dict { dict, .. } = &mut **st {
                                *dict = ObjRef::NULL;
                            }
                        }
                        self.decref(d);
                        Ok(None)
                    }
                }
            }
            IterState::Set { set, pos, len } => {
                let (s, p, l) = (*set, *pos, *len);
                if s.is_null() {
                    return Ok(None);
                }
                let (cur_len, entry) = match self.heap.get(s) {
                    Obj::Set(x) => (x.len(), x.nth_slot(p).map(|(i, e)| (i, e.key))),
                    _ => (0, None),
                };
                if cur_len != l {
                    return Err(PyErr::new("RuntimeError", "Set changed size during iteration".into()));
                }
                match entry {
                    Some((i, key)) => {
                        if let Obj::Iter(st) = self.heap.get_mut(it) {
                            if let IterState::Set { pos, .. } = &mut **st {
                                *pos = i + 1;
                            }
                        }
                        self.incref(key);
                        Ok(Some(key))
                    }
                    None => {
                        if let Obj::Iter(st) = self.heap.get_mut(it) {
                            if let IterState::Set { set, .. } = &mut **st {
                                *set = ObjRef::NULL;
                            }
                        }
                        self.decref(s);
                        Ok(None)
                    }
                }
            }
            IterState::Enumerate { iter, count } => {
                let (inner, c) = (*iter, *count);
                match self.iter_next(inner)? {
                    Some(x) => {
                        if let Obj::Iter(st) = self.heap.get_mut(it) {
                            if let IterState::Enumerate { count, .. } = &mut **st {
                                *count += 1;
                            }
                        }
                        let n = self.int(c);
                        Ok(Some(self.new_tuple(vec![n, x])))
                    }
                    None => Ok(None),
                }
            }
            IterState::Zip { iters } => {
                let iters = iters.clone();
                if iters.is_empty() {
                    return Ok(None);
                }
                let mut items = Vec::with_capacity(iters.len());
                for i in iters {
                    match self.iter_next(i)? {
                        Some(x) => items.push(x),
                        None => {
                            for x in items {
                                self.decref(x);
                            }
                            return Ok(None);
                        }
                    }
                }
                Ok(Some(self.new_tuple(items)))
            }
        }
    }
}
