//! Set algebra as CPython's setobject.c does it: which set is walked,
//! which is probed (and so whose `__eq__` runs, in which order), which
//! objects the result holds and which sets are made on the way.

use super::{PyErr, Vm};
use crate::code::BinOp;
use crate::dict::Key;
use crate::heap::ObjRef;
use crate::object::{Builtin, Obj};

impl Vm {
    fn is_set(&self, r: ObjRef) -> bool {
        matches!(self.heap.get(r), Obj::Set(_))
    }

    fn set_len(&self, r: ObjRef) -> usize {
        match self.heap.get(r) {
            Obj::Set(s) => s.len(),
            _ => 0,
        }
    }

    /// An empty set of the base type of `like` (make_new_set_basetype).
    fn new_set_like(&mut self, like: ObjRef) -> ObjRef {
        let frozen = matches!(self.heap.get(like), Obj::Set(s) if s.frozen);
        let s = self.new_set();
        if let Obj::Set(t) = self.heap.get_mut(s) {
            t.frozen = frozen;
        }
        s
    }

    /// set_copy: a new set (or frozenset) of `so`'s type with its members.
    pub(crate) fn set_copy(&mut self, so: ObjRef) -> Result<ObjRef, PyErr> {
        let r = self.new_set_like(so);
        if let Err(e) = self.set_update(r, so) {
            self.decref(r);
            return Err(e);
        }
        Ok(r)
    }

    /// A member's image without asking its hash again where CPython knows it.
    fn members_of(&mut self, other: ObjRef) -> Result<Vec<(ObjRef, Key)>, PyErr> {
        if self.is_set(other) {
            let v = self.set_entries(other);
            for (x, _) in &v {
                self.incref(*x);
            }
            return Ok(v);
        }
        if let Obj::Dict(d) = self.heap.get(other) {
            let v: Vec<(ObjRef, Key)> = d.entries().map(|e| (e.key, e.k.clone())).collect();
            for (x, _) in &v {
                self.incref(*x);
            }
            return Ok(v);
        }
        Err(PyErr::type_error("not a set".into()))
    }

    fn release(&mut self, v: Vec<(ObjRef, Key)>) {
        for (x, _) in v {
            self.decref(x);
        }
    }

    /// set_discard_entry: remove the member equal to `key` (image `k`).
    pub(crate) fn set_discard_key(&mut self, set: ObjRef, key: ObjRef, k: Key) -> Result<bool, PyErr> {
        let k = self.resolve_key(set, key, k)?;
        Ok(self.set_remove_image(set, &k))
    }

    /// Remove the member whose (resolved) image is `k`; true when it was there.
    pub(crate) fn set_remove_image(&mut self, set: ObjRef, k: &Key) -> bool {
        let removed = match self.heap.get_mut(set) {
            Obj::Set(d) => d.remove(k),
            _ => None,
        };
        match removed {
            Some(e) => {
                if self.tracing {
                    self.trace_items(set);
                }
                self.decref(e.key);
                true
            }
            None => false,
        }
    }

    /// set_intersection: walk the smaller set (or the iterable), probe the other.
    pub(crate) fn set_intersection(&mut self, so: ObjRef, other: ObjRef) -> Result<ObjRef, PyErr> {
        if so == other {
            return self.set_copy(so);
        }
        let result = self.new_set_like(so);
        let r = self.intersection_into(result, so, other);
        match r {
            Ok(()) => Ok(result),
            Err(e) => {
                self.decref(result);
                Err(e)
            }
        }
    }

    fn intersection_into(&mut self, result: ObjRef, so: ObjRef, other: ObjRef) -> Result<(), PyErr> {
        if self.is_set(other) {
            let (so, other) = if self.set_len(other) > self.set_len(so) { (other, so) } else { (so, other) };
            let members = self.members_of(other)?;
            let mut err = None;
            for (x, k) in &members {
                let r = match self.set_has(so, *x, k.clone()) {
                    Ok(true) => self.set_add_key(result, *x, k.clone()),
                    Ok(false) => Ok(()),
                    Err(e) => Err(e),
                };
                if let Err(e) = r {
                    err = Some(e);
                    break;
                }
            }
            self.release(members);
            return err.map_or(Ok(()), Err);
        }
        // any other iterable, item by item: hashed, probed, kept; done once
        // the result is as large as `so`
        let it = self.get_iter(other)?;
        let r = loop {
            let x = match self.iter_next(it) {
                Ok(Some(x)) => x,
                Ok(None) => break Ok(()),
                Err(e) => break Err(e),
            };
            let r = self.key_of(x).and_then(|k| match self.set_has(so, x, k.clone()) {
                Ok(true) => self.set_add_key(result, x, k).map(|()| true),
                Ok(false) => Ok(false),
                Err(e) => Err(e),
            });
            self.decref(x);
            match r {
                // checked after each member kept
                Ok(true) if self.set_len(result) >= self.set_len(so) => break Ok(()),
                Ok(_) => {}
                Err(e) => break Err(e),
            }
        };
        self.decref(it);
        r
    }

    /// set_difference_update_internal: discard each of `other`'s members,
    /// then drop the dummies if they are more than a quarter of the table.
    pub(crate) fn set_difference_update(&mut self, so: ObjRef, other: ObjRef) -> Result<(), PyErr> {
        if so == other {
            self.set_clear(so);
            return Ok(());
        }
        let members = if self.is_set(other) {
            self.members_of(other)?
        } else {
            let items = self.collect_iterable(other)?;
            let mut v = Vec::with_capacity(items.len());
            let mut err = None;
            for x in items {
                if err.is_none() {
                    match self.key_of(x) {
                        Ok(k) => {
                            v.push((x, k));
                            continue;
                        }
                        Err(e) => err = Some(e),
                    }
                }
                self.decref(x);
            }
            if let Some(e) = err {
                self.release(v);
                return Err(e);
            }
            v
        };
        let mut err = None;
        for (x, k) in &members {
            if let Err(e) = self.set_discard_key(so, *x, k.clone()) {
                err = Some(e);
                break;
            }
        }
        self.release(members);
        if let Obj::Set(s) = self.heap.get_mut(so) {
            s.shrink_dummies();
        }
        err.map_or(Ok(()), Err)
    }

    /// set_difference: a copy less `other`'s members when `so` is over four
    /// times larger (or `other` is not a set or dict), else the members of
    /// `so` that `other` lacks.
    pub(crate) fn set_difference(&mut self, so: ObjRef, other: ObjRef) -> Result<ObjRef, PyErr> {
        let other_size = match self.heap.get(other) {
            Obj::Set(s) => Some(s.len()),
            Obj::Dict(d) => Some(d.len()),
            _ => None,
        };
        let small = match other_size {
            Some(n) => (self.set_len(so) >> 2) <= n,
            None => false,
        };
        if !small {
            let r = self.set_copy(so)?;
            if let Err(e) = self.set_difference_update(r, other) {
                self.decref(r);
                return Err(e);
            }
            return Ok(r);
        }
        let result = self.new_set_like(so);
        let members = self.members_of(so)?;
        let mut err = None;
        for (x, k) in &members {
            let found = if self.is_set(other) {
                self.set_has(other, *x, k.clone())
            } else {
                self.resolve_key(other, *x, k.clone())
                    .map(|k| matches!(self.heap.get(other), Obj::Dict(d) if d.get(&k).is_some()))
            };
            let r = match found {
                Ok(false) => self.set_add_key(result, *x, k.clone()),
                Ok(true) => Ok(()),
                Err(e) => Err(e),
            };
            if let Err(e) = r {
                err = Some(e);
                break;
            }
        }
        self.release(members);
        match err {
            None => Ok(result),
            Some(e) => {
                self.decref(result);
                Err(e)
            }
        }
    }

    /// set_symmetric_difference_update: each of `other`'s members is
    /// discarded when present, added when not.
    pub(crate) fn set_symmetric_difference_update(&mut self, so: ObjRef, other: ObjRef) -> Result<(), PyErr> {
        if so == other {
            self.set_clear(so);
            return Ok(());
        }
        let otherset = if self.is_set(other) {
            self.incref(other);
            other
        } else {
            let s = self.new_set_like(so);
            if let Err(e) = self.set_update(s, other) {
                self.decref(s);
                return Err(e);
            }
            s
        };
        let members = self.members_of(otherset)?;
        let mut err = None;
        for (x, k) in &members {
            let r = match self.set_discard_key(so, *x, k.clone()) {
                Ok(false) => self.set_add_key(so, *x, k.clone()),
                Ok(true) => Ok(()),
                Err(e) => Err(e),
            };
            if let Err(e) = r {
                err = Some(e);
                break;
            }
        }
        self.release(members);
        self.decref(otherset);
        err.map_or(Ok(()), Err)
    }

    /// set_symmetric_difference: a copy of `other` (of `so`'s type) updated by `so`.
    pub(crate) fn set_symmetric_difference(&mut self, so: ObjRef, other: ObjRef) -> Result<ObjRef, PyErr> {
        let r = self.new_set_like(so);
        if let Err(e) = self.set_update(r, other) {
            self.decref(r);
            return Err(e);
        }
        if let Err(e) = self.set_symmetric_difference_update(r, so) {
            self.decref(r);
            return Err(e);
        }
        Ok(r)
    }

    /// set_swap_bodies: `a` takes `b`'s members and `b` takes `a`'s (each keeps its type).
    fn set_swap_bodies(&mut self, a: ObjRef, b: ObjRef) {
        let take = |vm: &mut Vm, r: ObjRef| match vm.heap.get_mut(r) {
            Obj::Set(s) => std::mem::take(&mut **s),
            _ => crate::dict::SetTable::new(),
        };
        let (mut ta, mut tb) = (take(self, a), take(self, b));
        std::mem::swap(&mut ta.frozen, &mut tb.frozen);
        if let Obj::Set(s) = self.heap.get_mut(a) {
            **s = tb;
        }
        if let Obj::Set(s) = self.heap.get_mut(b) {
            **s = ta;
        }
        if self.tracing {
            self.trace_items(a);
            self.trace_items(b);
        }
    }

    /// set_intersection_update: the intersection made, then swapped in.
    pub(crate) fn set_intersection_update(&mut self, so: ObjRef, tmp: ObjRef) {
        self.set_swap_bodies(so, tmp);
        self.decref(tmp);
    }

    pub(crate) fn set_clear(&mut self, set: ObjRef) {
        let entries = match self.heap.get_mut(set) {
            Obj::Set(d) => d.drain(),
            _ => Vec::new(),
        };
        if self.tracing {
            self.trace_items(set);
        }
        for e in entries {
            self.decref(e.key);
        }
    }

    /// issubset, issuperset and isdisjoint as setobject.c: a set argument is
    /// probed as it is (isdisjoint walks the smaller); with any other
    /// iterable issubset is the size of the intersection, the other two walk
    /// it and hash each item.
    pub(crate) fn set_compare_method(&mut self, f: Builtin, so: ObjRef, other: ObjRef) -> Result<bool, PyErr> {
        use Builtin as B;
        if self.is_set(other) {
            return match f {
                B::SetIssubset => self.set_is_subset(so, other),
                B::SetIssuperset => self.set_is_subset(other, so),
                _ => {
                    if so == other {
                        return Ok(self.set_len(so) == 0);
                    }
                    let (probed, walked) =
                        if self.set_len(other) > self.set_len(so) { (other, so) } else { (so, other) };
                    self.every_member(walked, probed, false)
                }
            };
        }
        if f == B::SetIssubset {
            // the intersection with the iterable is as large as the set
            let tmp = self.set_intersection(so, other)?;
            let r = self.set_len(tmp) == self.set_len(so);
            self.decref(tmp);
            return Ok(r);
        }
        let it = self.get_iter(other)?;
        let r = loop {
            let x = match self.iter_next(it) {
                Ok(Some(x)) => x,
                Ok(None) => break Ok(true),
                Err(e) => break Err(e),
            };
            let found = self.key_of(x).and_then(|k| self.set_has(so, x, k));
            self.decref(x);
            match found {
                // issuperset needs every item, isdisjoint none
                Ok(found) if found != (f == B::SetIssuperset) => break Ok(false),
                Ok(_) => {}
                Err(e) => break Err(e),
            }
        };
        self.decref(it);
        r
    }

    /// set_issubset for two sets: every member of `a` found in `b`.
    fn set_is_subset(&mut self, a: ObjRef, b: ObjRef) -> Result<bool, PyErr> {
        if self.set_len(a) > self.set_len(b) {
            return Ok(false);
        }
        self.every_member(a, b, true)
    }

    /// Whether every member of set `walked` is in set `probed` (`inside`),
    /// or none is (the walk stops at the first that is not so).
    fn every_member(&mut self, walked: ObjRef, probed: ObjRef, inside: bool) -> Result<bool, PyErr> {
        let members = self.members_of(walked)?;
        let mut r = Ok(true);
        for (x, k) in &members {
            match self.set_has(probed, *x, k.clone()) {
                Ok(found) if found == inside => {}
                Ok(_) => {
                    r = Ok(false);
                    break;
                }
                Err(e) => {
                    r = Err(e);
                    break;
                }
            }
        }
        self.release(members);
        r
    }

    /// `a | b`, `a & b`, `a - b`, `a ^ b` on sets, and their in-place forms.
    pub(crate) fn set_operator(&mut self, op: BinOp, a: ObjRef, b: ObjRef, inplace: bool) -> Result<ObjRef, PyErr> {
        if inplace && !matches!(self.heap.get(a), Obj::Set(s) if s.frozen) {
            match op {
                BinOp::Or => self.set_update(a, b)?,
                BinOp::And => {
                    let tmp = self.set_intersection(a, b)?;
                    self.set_intersection_update(a, tmp);
                }
                BinOp::Sub => self.set_difference_update(a, b)?,
                _ => self.set_symmetric_difference_update(a, b)?,
            }
            self.incref(a);
            return Ok(a);
        }
        match op {
            BinOp::Or => {
                let r = self.set_copy(a)?;
                if a != b {
                    if let Err(e) = self.set_update(r, b) {
                        self.decref(r);
                        return Err(e);
                    }
                }
                Ok(r)
            }
            BinOp::And => self.set_intersection(a, b),
            BinOp::Sub => self.set_difference(a, b),
            _ => self.set_symmetric_difference(a, b),
        }
    }
}
