//! Reference counting: incref, decref, and deallocation in CPython's order.
//!
//! When a count reaches zero the object is freed at once and drops its own
//! references in the order its CPython `tp_dealloc` does. Nesting is bounded
//! like CPython's trashcan: past a depth, deallocations are deferred and run
//! when the outermost one finishes, so deep structures never recurse deeply.

use super::Vm;
use crate::heap::{flags, ObjRef};
use crate::object::{IterState, Obj};
use crate::trace::{Cause, Event};

/// CPython's `_PyTrash_UNWIND_LEVEL`.
const TRASH_UNWIND_LEVEL: u32 = 50;

impl Vm {
    #[inline]
    pub fn incref(&mut self, r: ObjRef) {
        if r.is_null() {
            // a model bug; tests catch it, a user's program never crashes on it
            debug_assert!(false, "incref of NULL");
            return;
        }
        let s = self.heap.slot_mut(r);
        if s.flags & flags::IMMORTAL != 0 {
            return;
        }
        let before = s.rc;
        s.rc = before + 1;
        if self.tracing {
            self.touch(r, before);
        }
    }

    #[inline]
    pub fn xincref(&mut self, r: ObjRef) {
        if !r.is_null() {
            self.incref(r)
        }
    }

    #[inline]
    pub fn decref(&mut self, r: ObjRef) {
        if r.is_null() {
            debug_assert!(false, "decref of NULL");
            return;
        }
        let s = self.heap.slot_mut(r);
        if s.flags & flags::IMMORTAL != 0 {
            return;
        }
        let before = s.rc;
        s.rc = before - 1;
        if self.tracing {
            self.touch(r, before);
        }
        if before == 1 {
            self.dealloc(r, self.free_cause);
        }
    }

    #[inline]
    pub fn xdecref(&mut self, r: ObjRef) {
        if !r.is_null() {
            self.decref(r)
        }
    }

    /// Remember an object's count at the start of this step, the first time it changes.
    #[inline]
    fn touch(&mut self, r: ObjRef, before: u32) {
        let i = r.idx();
        if i >= self.touch_mark.len() {
            self.touch_mark.resize(self.heap.slots.len().max(i + 1), (u32::MAX, 0));
        }
        let step = self.trace.steps() as u32;
        if self.touch_mark[i].0 != step {
            self.touch_mark[i] = (step, self.touched.len() as u32);
            self.touched.push((r, self.heap.serial(r), before));
        }
    }

    /// The count an object had when this step began (for "1 → 0").
    fn count_at_step_start(&self, r: ObjRef) -> u32 {
        let serial = self.heap.serial(r);
        let step = self.trace.steps() as u32;
        // the slot's latest entry this step: its object's, unless the slot was reused since
        match self.touch_mark.get(r.idx()) {
            Some(&(s, at)) if s == step => match self.touched.get(at as usize) {
                Some(&(_, sv, before)) if sv == serial => before,
                _ => 1,
            },
            _ => 1,
        }
    }

    /// Emit the net refcount change of every object touched in this step.
    pub fn flush_refcounts(&mut self) {
        let touched = std::mem::take(&mut self.touched);
        for &(r, serial, before) in &touched {
            if !self.heap.is_live(r) || self.heap.serial(r) != serial {
                continue;
            }
            let now = self.heap.slot(r).rc;
            if now != before {
                self.trace.push(Event::Refcount { id: serial, from: before, to: now });
            }
        }
        self.touched = touched;
        self.touched.clear();
    }

    /// Free an object whose count reached zero.
    pub fn dealloc(&mut self, r: ObjRef, cause: Cause) {
        if self.trash_depth >= TRASH_UNWIND_LEVEL {
            // CPython's tp_dealloc untracks before the trashcan: a collection
            // started while the object waits (a finalizer allocating) must not
            // find an object without references and free it a second time
            self.untrack(r);
            self.trash_later.push(r);
            return;
        }
        self.trash_depth += 1;
        self.dealloc_now(r, cause);
        self.trash_depth -= 1;
        if self.trash_depth == 0 {
            while let Some(next) = self.trash_later.pop() {
                self.trash_depth += 1;
                self.dealloc_now(next, cause);
                self.trash_depth -= 1;
            }
        }
    }

    fn dealloc_now(&mut self, r: ObjRef, cause: Cause) {
        // PEP 442: an instance whose class defines __del__ runs it once, with the
        // object briefly alive again; if it resurrected itself, it lives on.
        if !self.heap.slot(r).is(flags::FINALIZED) && self.has_finalizer(r) {
            // tracked while __del__ runs, as subtype_dealloc and gen_dealloc
            // do (one the trashcan deferred was untracked)
            self.track(r);
            self.heap.slot_mut(r).rc = 1;
            self.heap.slot_mut(r).flags |= flags::FINALIZED;
            self.call_del(r);
            let s = self.heap.slot_mut(r);
            s.rc -= 1;
            if s.rc > 0 {
                return;
            }
        }
        let serial = self.heap.serial(r);
        if self.tracing {
            // an object born in this step drops from the 1 it was born with
            let from = self.count_at_step_start(r).max(1);
            let ty = self.type_name_rc(r);
            self.trace.push(Event::Refcount { id: serial, from, to: 0 });
            self.trace.push(Event::Free { id: serial, ty, cause });
        }
        if self.heap.slot(r).is(flags::TRACKED) {
            self.untrack(r);
        }
        if self.heap.tag(r).is_gc() {
            let kept = crate::gc::FreeKind::of(self.heap.get(r)).is_some_and(|k| self.gc.dealloc_to_free_list(k));
            if !kept {
                self.gc.dealloc_gc_object();
            }
        }
        // weak references die with their target; their callbacks run now
        if !self.weakrefs.is_empty() {
            self.clear_weakrefs(r);
        }
        if matches!(self.heap.get(r), Obj::Type(_)) {
            self.remove_subclass(r);
        }
        if let Obj::WeakRef { target, .. } = *self.heap.get(r) {
            self.forget_weakref(target, r);
        }
        let obj = std::mem::replace(self.heap.get_mut(r), Obj::None);
        self.drop_contents(obj);
        self.heap.release(r);
    }

    /// Release what an object held, in its CPython `tp_dealloc` order.
    fn drop_contents(&mut self, obj: Obj) {
        match obj {
            Obj::List(items) => {
                for &i in items.iter().rev() {
                    self.decref(i);
                }
            }
            Obj::Tuple(items) => {
                for &i in items.iter().rev() {
                    self.decref(i);
                }
            }
            Obj::Dict(d) => {
                // a 3.13 instance dict does not own the values it shows
                let owns = d.embedded.is_null();
                for e in d.into_entries() {
                    self.xdecref(e.key);
                    if owns {
                        self.xdecref(e.value);
                    }
                }
            }
            Obj::Set(mut d) => {
                for e in d.drain() {
                    self.xdecref(e.key);
                }
            }
            Obj::Slice { start, stop, step } => {
                self.xdecref(start);
                self.xdecref(stop);
                self.xdecref(step);
            }
            Obj::Iter(it) => match *it {
                IterState::Seq { seq, .. } | IterState::Reversed { seq, .. } => self.xdecref(seq),
                IterState::Dict { dict, .. } => self.xdecref(dict),
                IterState::Set { set, .. } => self.xdecref(set),
                IterState::Enumerate { iter, .. } => self.xdecref(iter),
                IterState::Zip { iters } => {
                    for i in iters {
                        self.decref(i);
                    }
                }
                IterState::Range { .. } => {}
            },
            Obj::DictView { dict, .. } => self.xdecref(dict),
            Obj::Module { dict, .. } => self.xdecref(dict),
            Obj::Builtin { this, .. } => self.xdecref(this),
            Obj::Function(f) => {
                // func_clear's order, then the code object
                self.xdecref(f.globals);
                self.xdecref(f.defaults);
                self.xdecref(f.kwdefaults);
                self.xdecref(f.dict);
                self.xdecref(f.closure);
                self.xdecref(f.code_obj);
            }
            Obj::Code(_, consts) => {
                for &c in consts.iter() {
                    self.xdecref(c);
                }
            }
            Obj::Cell(v) => self.xdecref(v),
            Obj::Method { func, this } => {
                self.xdecref(func);
                self.xdecref(this);
            }
            Obj::Type(t) => {
                self.xdecref(t.base);
                self.xdecref(t.dict);
                self.xdecref(t.bases);
                self.xdecref(t.mro);
            }
            Obj::Instance(i) => {
                if i.dict_embedded && !i.dict.is_null() {
                    // a __dict__ that outlives its instance takes the values over
                    let d = i.dict;
                    if self.heap.slot(d).rc > 1 {
                        if let Obj::Dict(dd) = self.heap.get_mut(d) {
                            dd.embedded = ObjRef::NULL;
                        }
                        for (_, v) in &i.attrs {
                            self.incref(*v);
                        }
                    }
                }
                for (_, v) in i.attrs {
                    self.xdecref(v);
                }
                self.xdecref(i.dict);
                if let Some(e) = i.exc {
                    self.xdecref(e.value);
                    self.xdecref(e.args);
                    self.xdecref(e.traceback);
                    self.xdecref(e.cause);
                    self.xdecref(e.context);
                }
                self.xdecref(i.class);
            }
            Obj::Descr { owner, .. } => self.xdecref(owner),
            Obj::Generator(g) => {
                if let Some(f) = g.frame {
                    self.xdecref(f.frame_obj);
                    for v in f.values {
                        self.xdecref(v);
                    }
                    self.xdecref(f.func);
                }
                self.xdecref(g.exc_state);
            }
            Obj::Frame(f) => {
                for v in f.locals {
                    self.xdecref(v);
                }
                self.xdecref(f.func);
                self.xdecref(f.back);
            }
            Obj::Traceback { next, frame, .. } => {
                self.xdecref(next);
                self.xdecref(frame);
            }
            Obj::WeakRef { callback, .. } => self.xdecref(callback),
            Obj::Finalizer { func, args, kwargs, .. } => {
                self.xdecref(kwargs);
                self.xdecref(func);
                self.xdecref(args);
            }
            Obj::Super { class, this } => {
                self.xdecref(class);
                self.xdecref(this);
            }
            _ => {}
        }
    }
}
