//! Reference counting: incref, decref, and deallocation in CPython's order.
//!
//! When a count reaches zero the object is freed at once and drops its own
//! references in the order its CPython `tp_dealloc` does. Nesting is bounded
//! like CPython's trashcan: past a depth, deallocations are deferred and run
//! when the outermost one finishes, so deep structures never recurse deeply.

use super::Vm;
use crate::heap::{flags, ObjRef};
use crate::object::Obj;
use crate::trace::{Cause, Event};

/// CPython's `_PyTrash_UNWIND_LEVEL`.
const TRASH_UNWIND_LEVEL: u32 = 50;

impl Vm {
    #[inline]
    pub fn incref(&mut self, r: ObjRef) {
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
            self.touch_mark.resize(self.heap.slots.len().max(i + 1), u32::MAX);
        }
        let step = self.trace.steps() as u32;
        if self.touch_mark[i] != step {
            self.touch_mark[i] = step;
            self.touched.push((r, self.heap.serial(r), before));
        }
    }

    /// The count an object had when this step began (for "1 → 0").
    fn count_at_step_start(&self, r: ObjRef) -> u32 {
        let serial = self.heap.serial(r);
        let step = self.trace.steps() as u32;
        if self.touch_mark.get(r.idx()) == Some(&step) {
            if let Some(&(_, _, before)) = self.touched.iter().rev().find(|(t, s, _)| *t == r && *s == serial) {
                return before;
            }
        }
        1
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
            self.gc.dealloc_gc_object();
        }
        let obj = std::mem::replace(self.heap.get_mut(r), Obj::None);
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
            Obj::Dict(mut d) => {
                for e in d.drain() {
                    self.decref(e.key);
                    self.decref(e.value);
                }
            }
            Obj::ListIter { list, .. } => self.xdecref(list),
            Obj::TupleIter { tuple, .. } => self.xdecref(tuple),
            Obj::Module { dict, .. } => self.decref(dict),
            Obj::Builtin { this, .. } => self.xdecref(this),
            Obj::Function(f) => {
                // func_clear's order, then the code object
                self.decref(f.globals);
                self.xdecref(f.defaults);
                self.decref(f.code_obj);
            }
            Obj::Code(_, consts) => {
                for &c in consts.iter() {
                    self.decref(c);
                }
            }
            _ => {}
        }
        self.heap.release(r);
    }
}
