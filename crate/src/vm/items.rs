//! Containers: items, slices, membership, and the mutations of lists, dicts
//! and sets, each traced for the view.

use super::ops::range_len;
use super::{PyErr, Vm};
use crate::code::BinOp;
use crate::dict::Key;
use crate::heap::{flags, ObjRef};
use crate::object::{DictViewKind, Obj};
use crate::trace::Event;

impl Vm {
    /// KeyError carrying the key itself, as CPython's does.
    pub(crate) fn key_error(&mut self, key: ObjRef) -> PyErr {
        self.incref(key);
        let t = self.exc_types["KeyError"];
        let exc = self.new_exception(t, vec![key]);
        self.chain_context(exc);
        PyErr::object(exc)
    }

    /// d[key] = value, with CPython's reference moves and dict tracking.
    pub fn dict_set(&mut self, d: ObjRef, key: ObjRef, value: ObjRef) -> Result<(), PyErr> {
        self.dict_set_with(d, key, value, true)
    }

    /// `dict_set`; `held`: PyDict_SetItem's own references to the key and
    /// the value are taken before the key is hashed and looked up (MAP_ADD
    /// hands the stack's over instead).
    pub(crate) fn dict_set_with(&mut self, d: ObjRef, key: ObjRef, value: ObjRef, held: bool) -> Result<(), PyErr> {
        if let Obj::Dict(dd) = self.heap.get(d) {
            if !dd.embedded.is_null() {
                let owner = dd.embedded;
                if let Obj::Str(name) = self.heap.get(key) {
                    let name = name.clone();
                    return self.set_attr(owner, &name, value);
                }
                self.detach_embedded(d);
            }
        }
        if held {
            self.incref(key);
            self.incref(value);
        }
        let k = self.key_in(d, key);
        if held {
            self.decref(key);
            self.decref(value);
        }
        self.dict_set_key(d, key, value, k?)
    }

    /// `dict_set` with the key's image already looked up (`key_in`).
    pub(crate) fn dict_set_key(&mut self, d: ObjRef, key: ObjRef, value: ObjRef, k: Key) -> Result<(), PyErr> {
        self.incref(value);
        let replaced = match self.heap.get_mut(d) {
            Obj::Dict(dict) => dict.set(k.clone(), key, value),
            _ => return Err(PyErr::type_error("not a dict".into())),
        };
        if replaced.is_none() {
            self.incref(key);
            self.grow(3);
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

    /// A 3.13 instance dict written to as a dict: it takes the values over
    /// (the instance's inline values are no longer used).
    pub(crate) fn detach_embedded(&mut self, d: ObjRef) {
        let owner = match self.heap.get_mut(d) {
            Obj::Dict(dd) => std::mem::replace(&mut dd.embedded, ObjRef::NULL),
            _ => return,
        };
        if owner.is_null() {
            return;
        }
        let vals: Vec<ObjRef> = match self.heap.get(d) {
            Obj::Dict(dd) => dd.iter().map(|(_, v)| v).collect(),
            _ => Vec::new(),
        };
        // the dict now owns a reference to each value; the instance's go
        for v in &vals {
            self.incref(*v);
        }
        let attrs = match self.heap.get_mut(owner) {
            Obj::Instance(i) if i.dict == d => {
                i.dict_embedded = false;
                std::mem::take(&mut i.attrs)
            }
            _ => Vec::new(),
        };
        for (_, v) in attrs {
            self.decref(v);
        }
    }

    /// Remove a key; Ok(Some(value)) hands the value's reference to the caller.
    pub(crate) fn dict_pop(&mut self, d: ObjRef, key: ObjRef) -> Result<Option<ObjRef>, PyErr> {
        self.detach_embedded(d);
        let k = self.key_in(d, key)?;
        let removed = match self.heap.get_mut(d) {
            Obj::Dict(dict) => dict.remove(&k),
            _ => None,
        };
        match removed {
            Some(e) => {
                if self.tracing {
                    let id = self.heap.serial(d);
                    self.trace.push(Event::DictRemove { id, key: self.heap.serial(e.key) });
                }
                self.decref(e.key);
                Ok(Some(e.value))
            }
            None => Ok(None),
        }
    }

    pub(crate) fn dict_update(&mut self, d: ObjRef, other: ObjRef) -> Result<(), PyErr> {
        let pairs: Vec<(ObjRef, ObjRef)> = match self.heap.get(other) {
            Obj::Dict(o) => o.iter().collect(),
            _ => {
                // PyDict_MergeFromSeq2: each element as it comes, a sequence of two
                let mut index = 0;
                return self.for_each_item(other, |vm, item| {
                    let i = index;
                    index += 1;
                    let seq = if matches!(vm.heap.get(item), Obj::List(_) | Obj::Tuple(_)) {
                        vm.incref(item);
                        item
                    } else {
                        // PySequence_Fast makes a list of any other iterable
                        let tmp = vm.new_list(Vec::new());
                        if let Err(e) = vm.list_extend(tmp, item) {
                            vm.decref(tmp);
                            return Err(if vm.err_is(&e, "TypeError") {
                                vm.discard(e);
                                PyErr::type_error(format!(
                                    "cannot convert dictionary update sequence element #{i} to a sequence"
                                ))
                            } else {
                                e
                            });
                        }
                        tmp
                    };
                    let kv = vm.seq_items(seq);
                    let r = if kv.len() != 2 {
                        Err(PyErr::new(
                            "ValueError",
                            format!("dictionary update sequence element #{i} has length {}; 2 is required", kv.len()),
                        ))
                    } else {
                        vm.dict_set(d, kv[0], kv[1])
                    };
                    vm.decref(seq);
                    r
                });
            }
        };
        if let Obj::Dict(o) = self.heap.get(other) {
            if o.user {
                // dict_merge reuses the stored hashes: no __hash__ call
                let triples: Vec<(ObjRef, Key, ObjRef)> = o.entries().map(|e| (e.key, e.k.clone(), e.value)).collect();
                for &(k, _, v) in &triples {
                    self.incref(k);
                    self.incref(v);
                }
                // into an empty dict the keys are copied without comparisons
                let clone = matches!(self.heap.get(d), Obj::Dict(t) if t.is_empty());
                let mut err = None;
                for (k, image, v) in triples {
                    if err.is_none() {
                        let image = if clone { Ok(image) } else { self.resolve_key(d, k, image) };
                        let r = image.and_then(|image| self.dict_set_key(d, k, v, image));
                        err = r.err();
                    }
                    self.decref(k);
                    self.decref(v);
                }
                return err.map_or(Ok(()), Err);
            }
        }
        for (k, v) in pairs {
            self.dict_set(d, k, v)?;
        }
        Ok(())
    }

    /// Append (the list takes its own reference).
    pub(crate) fn list_push(&mut self, list: ObjRef, item: ObjRef) {
        self.incref(item);
        let index = match self.heap.get_mut(list) {
            Obj::List(v) => {
                v.push(item);
                v.len() - 1
            }
            _ => return,
        };
        self.grow(1);
        if self.tracing {
            let id = self.heap.serial(list);
            self.trace.push(Event::ListInsert { id, index: index as u32, item: self.heap.serial(item) });
        }
    }

    pub(crate) fn list_extend(&mut self, list: ObjRef, it: ObjRef) -> Result<(), PyErr> {
        self.for_each_item(it, |vm, x| {
            vm.list_push(list, x);
            Ok(())
        })
    }

    /// Run `f` on each item of an iterable as iteration gives it (a list or
    /// tuple is read at once): what the iteration yielded before an error
    /// has been handled, as in CPython's loops over PyIter_Next.
    pub(crate) fn for_each_item(
        &mut self,
        v: ObjRef,
        mut f: impl FnMut(&mut Vm, ObjRef) -> Result<(), PyErr>,
    ) -> Result<(), PyErr> {
        if matches!(self.heap.get(v), Obj::List(_) | Obj::Tuple(_)) {
            let items = self.collect_iterable(v)?;
            let mut err = None;
            for x in items {
                if err.is_none() {
                    err = f(self, x).err();
                }
                self.decref(x);
            }
            return err.map_or(Ok(()), Err);
        }
        let it = self.get_iter(v)?;
        let r = loop {
            match self.iter_next(it) {
                Ok(Some(x)) => {
                    let r = self.work(1).and_then(|()| f(self, x));
                    self.decref(x);
                    if let Err(e) = r {
                        break Err(e);
                    }
                }
                Ok(None) => break Ok(()),
                Err(e) => break Err(e),
            }
        };
        self.decref(it);
        r
    }

    pub(crate) fn set_add(&mut self, set: ObjRef, item: ObjRef) -> Result<(), PyErr> {
        let k = self.key_of(item)?;
        self.set_add_key(set, item, k)
    }

    /// `set_add` with the member's image known (its hash is not asked again).
    pub(crate) fn set_add_key(&mut self, set: ObjRef, item: ObjRef, k: Key) -> Result<(), PyErr> {
        // set_add_entry holds the key while the program's __eq__ may run
        self.incref(item);
        let k = self.resolve_key(set, item, k);
        self.decref(item);
        let k = k?;
        let added = match self.heap.get_mut(set) {
            Obj::Set(d) => {
                if d.get_entry(&k).is_some() {
                    false
                } else {
                    d.set(k, item, ObjRef::NULL);
                    true
                }
            }
            _ => false,
        };
        if added {
            self.grow(2);
            self.incref(item);
            if self.tracing {
                self.trace_items(set);
            }
        }
        Ok(())
    }

    pub(crate) fn set_update(&mut self, set: ObjRef, it: ObjRef) -> Result<(), PyErr> {
        let user_merge = match (self.heap.get(set), self.heap.get(it)) {
            (Obj::Set(a), Obj::Set(b)) => (a.user || b.user) && !a.is_empty(),
            _ => false,
        };
        if user_merge {
            // set_merge into a non-empty set: each member with its known hash,
            // compared by the program's __eq__ where the hashes meet, after
            // set_merge's one resize
            let members = self.set_entries(it);
            if let Obj::Set(t) = self.heap.get_mut(set) {
                t.reserve_for(members.len());
            }
            for (x, k) in members {
                self.incref(x);
                let r = self.set_add_key(set, x, k);
                self.decref(x);
                r?;
            }
            return Ok(());
        }
        if let Obj::Dict(d) = self.heap.get(it) {
            // a dict's keys with the hashes it stored
            let keys: Vec<(ObjRef, Key)> = d.entries().map(|e| (e.key, e.k.clone())).collect();
            if let Obj::Set(t) = self.heap.get_mut(set) {
                t.reserve_for(keys.len());
            }
            for (x, k) in keys {
                self.incref(x);
                let r = self.set_add_key(set, x, k);
                self.decref(x);
                r?;
            }
            return Ok(());
        }
        if let Obj::Set(_) = self.heap.get(it) {
            // set_merge: the other set's layout decides the order
            let other = match self.heap.get_mut(it) {
                Obj::Set(o) => std::mem::take(&mut **o),
                _ => unreachable!(),
            };
            let frozen = other.frozen;
            let added = match self.heap.get_mut(set) {
                Obj::Set(t) => t.merge_from(&other),
                _ => Vec::new(),
            };
            if let Obj::Set(o) = self.heap.get_mut(it) {
                **o = other;
                o.frozen = frozen;
            }
            for a in added {
                self.incref(a);
            }
            if self.tracing {
                self.trace_items(set);
            }
            return Ok(());
        }
        self.for_each_item(it, |vm, x| vm.set_add(set, x))
    }

    /// Remove from a set; true when it was there.
    pub(crate) fn set_discard(&mut self, set: ObjRef, item: ObjRef) -> Result<bool, PyErr> {
        let k = self.set_member_key(set, item)?;
        Ok(self.set_remove_image(set, &k))
    }

    /// A set's `in`, `remove` and `discard` take a set as the frozenset of
    /// its members: a temporary frozenset is made (set_contains_key).
    fn set_member_key(&mut self, set: ObjRef, item: ObjRef) -> Result<Key, PyErr> {
        if !matches!(self.heap.get(item), Obj::Set(t) if !t.frozen) {
            return self.key_in(set, item);
        }
        let tmp = self.new_set();
        if let Obj::Set(t) = self.heap.get_mut(tmp) {
            t.frozen = true;
        }
        let r = self.set_update(tmp, item).and_then(|()| self.key_in(set, tmp));
        self.decref(tmp);
        r
    }

    pub(crate) fn new_set(&mut self) -> ObjRef {
        self.alloc(Obj::Set(Box::default()))
    }

    /// A set's members with their key images, in table order.
    pub(crate) fn set_entries(&self, s: ObjRef) -> Vec<(ObjRef, Key)> {
        match self.heap.get(s) {
            Obj::Set(d) => d.entries().map(|e| (e.key, e.k.clone())).collect(),
            _ => Vec::new(),
        }
    }

    /// Whether a set has a member equal to `obj`, whose image is known.
    pub(crate) fn set_has(&mut self, s: ObjRef, obj: ObjRef, k: Key) -> Result<bool, PyErr> {
        let k = self.resolve_key(s, obj, k)?;
        Ok(matches!(self.heap.get(s), Obj::Set(d) if d.get_entry(&k).is_some()))
    }

    /// `-`, `|`, `^` and `&` with a dict's keys or items view on either side
    /// (dictviews_sub, dictviews_or, dictviews_xor, _PyDictView_Intersect):
    /// a new set, filled in CPython's order.
    pub(crate) fn view_set_operator(&mut self, op: BinOp, a: ObjRef, b: ObjRef) -> Result<ObjRef, PyErr> {
        let result = self.new_set();
        match self.view_set_fill(op, result, a, b) {
            Ok(()) => Ok(result),
            Err(e) => {
                self.decref(result);
                Err(e)
            }
        }
    }

    fn view_set_fill(&mut self, op: BinOp, result: ObjRef, a: ObjRef, b: ObjRef) -> Result<(), PyErr> {
        let is_view = |vm: &Vm, x: ObjRef| {
            matches!(vm.heap.get(x), Obj::DictView { kind: DictViewKind::Keys | DictViewKind::Items, .. })
        };
        if op == BinOp::And {
            // the view's items that are in the other, walking the smaller side
            let (view, other) = if is_view(self, a) { (a, b) } else { (b, a) };
            let lv = self.len_of(view)?;
            let sized = matches!(self.heap.get(other), Obj::Set(_)) || is_view(self, other);
            let lo = if sized { self.len_of(other)? } else { 0 };
            let set = matches!(self.heap.get(other), Obj::Set(_));
            let (walk, check) =
                if (set && lv <= lo) || (!set && sized && lo > lv) { (view, other) } else { (other, view) };
            return self.for_each_item(walk, |vm, x| {
                if vm.contains(check, x)? {
                    vm.set_add(result, x)?;
                }
                Ok(())
            });
        }
        // a set of the left side, then set's own update with the right
        self.set_update(result, a)?;
        match op {
            BinOp::Or => self.set_update(result, b),
            BinOp::Sub => self.set_difference_update(result, b),
            _ => self.set_symmetric_difference_update(result, b),
        }
    }

    pub(crate) fn set_members(&self, s: ObjRef) -> Vec<ObjRef> {
        match self.heap.get(s) {
            Obj::Set(d) => d.iter().map(|(k, _)| k).collect(),
            _ => Vec::new(),
        }
    }

    /// Every item of an iterable, as new references.
    pub(crate) fn collect_iterable(&mut self, v: ObjRef) -> Result<Vec<ObjRef>, PyErr> {
        match self.heap.get(v) {
            Obj::List(_) | Obj::Tuple(_) => {
                let items = self.seq_items(v);
                for &x in &items {
                    self.incref(x);
                }
                Ok(items)
            }
            _ => {
                let it = self.get_iter(v)?;
                let mut out = Vec::new();
                loop {
                    match self.iter_next(it) {
                        Ok(Some(x)) => {
                            out.push(x);
                            self.work(1)?;
                        }
                        Ok(None) => break,
                        Err(e) => {
                            for x in out {
                                self.decref(x);
                            }
                            self.decref(it);
                            return Err(e);
                        }
                    }
                }
                self.decref(it);
                Ok(out)
            }
        }
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

    /// A slice's (start, stop, step) resolved for a length, as PySlice_AdjustIndices.
    fn slice_indices(&self, start: ObjRef, stop: ObjRef, step: ObjRef, len: usize) -> Result<(i64, i64, i64), PyErr> {
        let get = |r: ObjRef| -> Result<Option<i64>, PyErr> {
            if r == self.none {
                return Ok(None);
            }
            self.index_of(r).map(Some).ok_or_else(|| {
                PyErr::type_error("slice indices must be integers or None or have an __index__ method".into())
            })
        };
        let step = get(step)?.unwrap_or(1);
        if step == 0 {
            return Err(PyErr::new("ValueError", "slice step cannot be zero".into()));
        }
        let len = len as i64;
        let adjust = |v: Option<i64>, default: i64, lo: i64, hi: i64| -> i64 {
            match v {
                None => default,
                Some(x) if x < 0 => (x + len).max(lo),
                Some(x) => x.min(hi),
            }
        };
        let (s, e) = if step > 0 {
            (adjust(get(start)?, 0, 0, len), adjust(get(stop)?, len, 0, len))
        } else {
            (adjust(get(start)?, len - 1, -1, len - 1), adjust(get(stop)?, -1, -1, len - 1))
        };
        Ok((s, e, step))
    }

    fn slice_positions(s: i64, e: i64, step: i64) -> Vec<usize> {
        let mut out = Vec::new();
        let mut i = s;
        while (step > 0 && i < e) || (step < 0 && i > e) {
            out.push(i as usize);
            i += step;
        }
        out
    }

    pub(crate) fn get_slice(
        &mut self,
        obj: ObjRef,
        start: ObjRef,
        stop: ObjRef,
        step: ObjRef,
    ) -> Result<ObjRef, PyErr> {
        match self.heap.get(obj) {
            Obj::List(_) | Obj::Tuple(_) => {
                let items = self.seq_items(obj);
                let (s, e, st) = self.slice_indices(start, stop, step, items.len())?;
                let picked: Vec<ObjRef> = Self::slice_positions(s, e, st).into_iter().map(|i| items[i]).collect();
                for &x in &picked {
                    self.incref(x);
                }
                if matches!(self.heap.get(obj), Obj::List(_)) {
                    Ok(self.new_list(picked))
                } else if picked.len() == items.len() && st == 1 {
                    for &x in &picked {
                        self.decref(x);
                    }
                    self.incref(obj);
                    Ok(obj)
                } else if picked.is_empty() {
                    Ok(self.empty_tuple)
                } else {
                    Ok(self.new_tuple(picked))
                }
            }
            Obj::Str(s) => {
                let chars: Vec<char> = s.chars().collect();
                let (a, b, st) = self.slice_indices(start, stop, step, chars.len())?;
                let out: String = Self::slice_positions(a, b, st).into_iter().map(|i| chars[i]).collect();
                Ok(self.str(&out))
            }
            Obj::Range { start: rs, stop: re, step: rst } => {
                let (rs, re, rst) = (*rs, *re, *rst);
                let n = range_len(rs, re, rst) as usize;
                let (a, b, st) = self.slice_indices(start, stop, step, n)?;
                let pos = Self::slice_positions(a, b, st);
                let first = pos.first().map(|&i| rs + rst * i as i64).unwrap_or(rs);
                let nstep = rst * st;
                let end = first + nstep * pos.len() as i64;
                Ok(self.alloc(Obj::Range { start: first, stop: end, step: nstep }))
            }
            // a dict or an instance gets a slice object, as any other key
            _ => self.with_slice(start, stop, step, |vm, slice| vm.getitem(obj, slice)),
        }
    }

    /// Run `f` with a new slice object of `start`, `stop` and `step` (borrowed).
    fn with_slice<T>(
        &mut self,
        start: ObjRef,
        stop: ObjRef,
        step: ObjRef,
        f: impl FnOnce(&mut Self, ObjRef) -> Result<T, PyErr>,
    ) -> Result<T, PyErr> {
        for part in [start, stop, step] {
            self.incref(part);
        }
        let slice = self.alloc(Obj::Slice { start, stop, step });
        let r = f(self, slice);
        self.decref(slice);
        r
    }

    pub(crate) fn set_slice(
        &mut self,
        obj: ObjRef,
        start: ObjRef,
        stop: ObjRef,
        step: ObjRef,
        v: ObjRef,
    ) -> Result<(), PyErr> {
        let len = match self.heap.get(obj) {
            Obj::List(l) => l.len(),
            _ => return self.with_slice(start, stop, step, |vm, slice| vm.setitem(obj, slice, v)),
        };
        let new = self.collect_iterable(v)?;
        let (s, e, st) = self.slice_indices(start, stop, step, len)?;
        let old: Vec<ObjRef> = if st == 1 {
            let e = e.max(s);
            match self.heap.get_mut(obj) {
                Obj::List(l) => l.splice(s as usize..e as usize, new).collect(),
                _ => Vec::new(),
            }
        } else {
            let pos = Self::slice_positions(s, e, st);
            if pos.len() != new.len() {
                let (np, nn) = (pos.len(), new.len());
                for x in new {
                    self.decref(x);
                }
                return Err(PyErr::new(
                    "ValueError",
                    format!("attempt to assign sequence of size {nn} to extended slice of size {np}"),
                ));
            }
            let mut old = Vec::new();
            if let Obj::List(l) = self.heap.get_mut(obj) {
                for (p, x) in pos.into_iter().zip(new) {
                    old.push(std::mem::replace(&mut l[p], x));
                }
            }
            old
        };
        if self.tracing {
            self.trace_items(obj);
        }
        // CPython drops the replaced items last to first
        for x in old.into_iter().rev() {
            self.decref(x);
        }
        Ok(())
    }

    fn del_slice(&mut self, obj: ObjRef, slice: ObjRef) -> Result<(), PyErr> {
        let Obj::Slice { start, stop, step } = *self.heap.get(slice) else { unreachable!("a slice") };
        let Obj::List(l) = self.heap.get(obj) else { unreachable!("a list") };
        let len = l.len();
        let (s, e, st) = self.slice_indices(start, stop, step, len)?;
        let removed: Vec<ObjRef> = if st == 1 {
            let e = e.max(s);
            match self.heap.get_mut(obj) {
                Obj::List(l) => l.drain(s as usize..e as usize).collect(),
                _ => Vec::new(),
            }
        } else {
            let mut pos = Self::slice_positions(s, e, st);
            pos.sort_unstable();
            let mut out = Vec::new();
            if let Obj::List(l) = self.heap.get_mut(obj) {
                for &p in pos.iter().rev() {
                    out.push(l.remove(p));
                }
            }
            out.reverse();
            // an extended slice frees first to last
            if self.tracing {
                self.trace_items(obj);
            }
            for x in out {
                self.decref(x);
            }
            return Ok(());
        };
        if self.tracing {
            self.trace_items(obj);
        }
        for x in removed.into_iter().rev() {
            self.decref(x);
        }
        Ok(())
    }

    pub fn getitem(&mut self, obj: ObjRef, key: ObjRef) -> Result<ObjRef, PyErr> {
        if let Obj::Slice { start, stop, step } = *self.heap.get(key) {
            if matches!(self.heap.get(obj), Obj::List(_) | Obj::Tuple(_) | Obj::Str(_) | Obj::Range { .. }) {
                return self.get_slice(obj, start, stop, step);
            }
        }
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
                let k = self.key_in(obj, key)?;
                match self.heap.get(obj) {
                    Obj::Dict(d) => match d.get(&k) {
                        Some(v) => v,
                        None => return Err(self.key_error(key)),
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
            Obj::Instance(_) => {
                return match self.call_special(obj, "__getitem__", &[key]) {
                    Some(r) => r,
                    None => Err(PyErr::type_error(format!("'{}' object is not subscriptable", self.type_name(obj)))),
                }
            }
            Obj::Type(_) => {
                return Err(PyErr::type_error(format!(
                    "type '{}' is not subscriptable",
                    match self.heap.get(obj) {
                        Obj::Type(t) => t.name.clone(),
                        _ => "?".into(),
                    }
                )))
            }
            _ => {
                return Err(PyErr::type_error(format!("'{}' object is not subscriptable", self.type_name(obj))));
            }
        };
        self.incref(r);
        Ok(r)
    }

    pub fn setitem(&mut self, obj: ObjRef, key: ObjRef, value: ObjRef) -> Result<(), PyErr> {
        if let Obj::Slice { start, stop, step } = *self.heap.get(key) {
            if matches!(self.heap.get(obj), Obj::List(_)) {
                return self.set_slice(obj, start, stop, step, value);
            }
        }
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
            Obj::Instance(_) => match self.call_special(obj, "__setitem__", &[key, value]) {
                Some(r) => {
                    let r = r?;
                    self.decref(r);
                    Ok(())
                }
                None => {
                    Err(PyErr::type_error(format!("'{}' object does not support item assignment", self.type_name(obj))))
                }
            },
            _ => Err(PyErr::type_error(format!("'{}' object does not support item assignment", self.type_name(obj)))),
        }
    }

    pub fn delitem(&mut self, obj: ObjRef, key: ObjRef) -> Result<(), PyErr> {
        if matches!(self.heap.get(key), Obj::Slice { .. }) && matches!(self.heap.get(obj), Obj::List(_)) {
            return self.del_slice(obj, key);
        }
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
            Obj::Dict(_) => match self.dict_pop(obj, key)? {
                Some(v) => {
                    self.decref(v);
                    Ok(())
                }
                None => Err(self.key_error(key)),
            },
            Obj::Instance(_) => match self.call_special(obj, "__delitem__", &[key]) {
                Some(r) => {
                    let r = r?;
                    self.decref(r);
                    Ok(())
                }
                None => Err(self.no_item_deletion(obj, key)),
            },
            _ => Err(self.no_item_deletion(obj, key)),
        }
    }

    /// CPython's two wordings: a type with sequence slots refuses an index in
    /// PySequence_DelItem ("doesn't"), anything else in PyObject_DelItem ("does not").
    fn no_item_deletion(&self, obj: ObjRef, key: ObjRef) -> PyErr {
        let sequence_slots = matches!(
            self.heap.get(obj),
            Obj::Tuple(_) | Obj::Str(_) | Obj::Range { .. } | Obj::Set(_) | Obj::Instance(_)
        );
        let verb = if sequence_slots && self.index_of(key).is_some() { "doesn't" } else { "does not" };
        PyErr::type_error(format!("'{}' object {verb} support item deletion", self.type_name(obj)))
    }

    pub fn contains(&mut self, container: ObjRef, item: ObjRef) -> Result<bool, PyErr> {
        if let Some(r) = self.call_special(container, "__contains__", &[item]) {
            let r = r?;
            let t = self.truthy(r);
            self.decref(r);
            return t;
        }
        match self.heap.get(container) {
            Obj::List(_) | Obj::Tuple(_) => {
                for x in self.seq_items(container) {
                    if x == item || self.equal(x, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Obj::Dict(_) | Obj::Set(_) => {
                let k = if matches!(self.heap.get(container), Obj::Set(_)) {
                    self.set_member_key(container, item)?
                } else {
                    self.key_in(container, item)?
                };
                Ok(match self.heap.get(container) {
                    Obj::Dict(d) => d.get_entry(&k).is_some(),
                    Obj::Set(d) => d.get_entry(&k).is_some(),
                    _ => false,
                })
            }
            Obj::DictView { dict, kind: DictViewKind::Keys } => {
                let d = *dict;
                self.contains(d, item)
            }
            Obj::Str(s) => match self.heap.get(item) {
                Obj::Str(sub) => Ok(s.contains(&**sub)),
                _ => Err(PyErr::type_error(format!(
                    "'in <string>' requires string as left operand, not {}",
                    self.type_name(item)
                ))),
            },
            Obj::Range { start, stop, step } => {
                let (a, b, st) = (*start, *stop, *step);
                Ok(match self.index_of(item) {
                    Some(i) => {
                        if st > 0 {
                            i >= a && i < b && (i - a) % st == 0
                        } else {
                            i <= a && i > b && (a - i) % (-st) == 0
                        }
                    }
                    None => false,
                })
            }
            _ => {
                let it = self.get_iter(container).map_err(|_| {
                    PyErr::type_error(format!("argument of type '{}' is not iterable", self.type_name(container)))
                })?;
                loop {
                    match self.iter_next(it) {
                        Ok(Some(x)) => {
                            let eq = x == item || self.equal(x, item)?;
                            self.decref(x);
                            if eq {
                                self.decref(it);
                                return Ok(true);
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
                Ok(false)
            }
        }
    }

    /// UNPACK_SEQUENCE / UNPACK_EX: push the items, last first, so the first is on top.
    pub fn unpack(&mut self, seq: ObjRef, before: usize, after: Option<usize>) -> Result<(), PyErr> {
        let items = self.collect_iterable(seq).map_err(|e| {
            if e.is("TypeError") {
                PyErr::type_error(format!("cannot unpack non-iterable {} object", self.type_name(seq)))
            } else {
                e
            }
        })?;
        match after {
            None => {
                let n = before;
                if items.len() != n {
                    let got = items.len();
                    for x in items {
                        self.decref(x);
                    }
                    return Err(if got > n {
                        PyErr::new("ValueError", format!("too many values to unpack (expected {n})"))
                    } else {
                        PyErr::new("ValueError", format!("not enough values to unpack (expected {n}, got {got})"))
                    });
                }
                for x in items.into_iter().rev() {
                    self.stack.push(x);
                }
            }
            Some(after) => {
                if items.len() < before + after {
                    let got = items.len();
                    for x in items {
                        self.decref(x);
                    }
                    return Err(PyErr::new(
                        "ValueError",
                        format!("not enough values to unpack (expected at least {}, got {got})", before + after),
                    ));
                }
                let mut items = items;
                let tail: Vec<ObjRef> = items.split_off(items.len() - after);
                let middle: Vec<ObjRef> = items.split_off(before);
                let star = self.new_list(middle);
                for x in tail.into_iter().rev() {
                    self.stack.push(x);
                }
                self.stack.push(star);
                for x in items.into_iter().rev() {
                    self.stack.push(x);
                }
            }
        }
        Ok(())
    }

    /// Work done inside one statement (long built-in loops): counted against the step budget.
    pub(crate) fn work(&mut self, n: u64) -> Result<(), PyErr> {
        self.work_done += n;
        if self.work_done > self.max_work {
            return Err(PyErr::limit(format!(
                "the program did more than {} operations and was stopped",
                self.max_work
            )));
        }
        Ok(())
    }
}
