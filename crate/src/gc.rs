//! The cycle collector, after CPython 3.13's `Python/gc.c`.
//!
//! Generations are intrusive lists through the heap slots (lists 0–2, 3 is
//! the permanent generation of `gc.freeze`, 4 holds the unreachable set
//! during a collection). A collection of generation g merges the younger
//! ones into it, then: `update_refs` (gc_refs = refcount), `subtract_refs`
//! (minus references from inside the set), `move_unreachable` (CPython's
//! list walk, whose order decides the order of clearing), `untrack_tuples`,
//! promotion of survivors, and `delete_garbage` (tp_clear on each
//! unreachable object; reference counting frees the rest).

use crate::heap::{flags, ObjRef, NIL};
use crate::object::Obj;
use crate::profile::Profile;
use crate::trace::{Cause, Event};
use crate::vm::Vm;

const NUM_GENERATIONS: usize = 3;
const UNREACHABLE: usize = 4;
/// Slot flags used only during a collection.
const COLLECTING: u8 = 32;
const IN_UNREACHABLE: u8 = 64;

pub struct GcState {
    pub enabled: bool,
    pub threshold: [u32; 3],
    pub count: [u32; 3],
    pub collecting: bool,
    /// Set when an allocation crossed threshold 0; runs at the next eval-breaker check.
    pub scheduled: bool,
    pub long_lived_total: u32,
    pub long_lived_pending: u32,
    pub last_traced_count: [u32; 3],
    gc_refs: Vec<i64>,
}

impl GcState {
    pub fn new(profile: &Profile) -> GcState {
        GcState {
            enabled: true,
            threshold: profile.threshold,
            count: profile.startup_count,
            collecting: false,
            scheduled: false,
            long_lived_total: 0,
            long_lived_pending: 0,
            last_traced_count: profile.startup_count,
            gc_refs: Vec::new(),
        }
    }

    /// `_PyObject_GC_Link`: count the allocation and schedule a collection past threshold 0.
    pub fn alloc_gc_object(&mut self) {
        self.count[0] += 1;
        if self.count[0] > self.threshold[0] && self.enabled && self.threshold[0] != 0 && !self.collecting {
            self.scheduled = true;
        }
    }

    /// `PyObject_GC_Del`: a freed container gives back its allocation.
    pub fn dealloc_gc_object(&mut self) {
        if self.count[0] > 0 {
            self.count[0] -= 1;
        }
    }
}

impl Vm {
    /// `gc.collect(generation)`: 0 when a collection is already running.
    pub fn collect_explicit(&mut self, generation: usize) -> u32 {
        if self.gc.collecting {
            return 0;
        }
        self.collect(generation, format!("gc.collect({generation})"))
    }

    /// `gc_collect_generations`: the oldest generation whose count exceeds its
    /// threshold, skipping a full collection while few long-lived objects are pending.
    pub fn collect_generations(&mut self) {
        if self.gc.collecting || !self.gc.enabled {
            return;
        }
        for i in (0..NUM_GENERATIONS).rev() {
            if self.gc.count[i] > self.gc.threshold[i] {
                if i == NUM_GENERATIONS - 1 && self.gc.long_lived_pending < self.gc.long_lived_total / 4 {
                    continue;
                }
                let reason = format!(
                    "automatic: generation {i} count {} exceeded threshold {}",
                    self.gc.count[i], self.gc.threshold[i]
                );
                self.collect(i, reason);
                break;
            }
        }
    }

    fn collect(&mut self, generation: usize, reason: String) -> u32 {
        self.gc.collecting = true;
        if self.tracing {
            self.trace.push(Event::GcStart { generation: generation as u8, reason: reason.into() });
        }
        if generation + 1 < NUM_GENERATIONS {
            self.gc.count[generation + 1] += 1;
        }
        for i in 0..=generation {
            self.gc.count[i] = 0;
        }
        for i in 0..generation {
            self.heap.gen_merge(i, generation);
        }
        let young = generation;
        let old = if generation < NUM_GENERATIONS - 1 { generation + 1 } else { generation };

        self.update_refs(young);
        self.subtract_refs(young);
        self.move_unreachable(young);
        self.untrack_tuples(young);

        if young != old {
            if generation == NUM_GENERATIONS - 2 {
                self.gc.long_lived_pending += self.heap.gens[young].len;
            }
            self.heap.gen_merge(young, old);
        } else {
            self.untrack_dicts(young);
            self.gc.long_lived_pending = 0;
            self.gc.long_lived_total = self.heap.gens[young].len;
        }

        let collected = self.heap.gens[UNREACHABLE].len;
        self.delete_garbage(old);
        if self.tracing {
            self.trace.push(Event::GcEnd { collected, uncollectable: 0 });
        }
        self.gc.collecting = false;
        collected
    }

    fn refs_slot(&mut self, r: ObjRef) -> &mut i64 {
        let i = r.idx();
        if i >= self.gc.gc_refs.len() {
            self.gc.gc_refs.resize(self.heap.slots.len().max(i + 1), 0);
        }
        &mut self.gc.gc_refs[i]
    }

    /// gc_refs = ob_refcnt for every object in the generation, marked as collecting.
    fn update_refs(&mut self, young: usize) {
        let mut cur = self.heap.gens[young].head;
        while cur != NIL {
            let r = ObjRef(cur);
            let rc = self.heap.slot(r).rc as i64;
            *self.refs_slot(r) = rc;
            let s = self.heap.slot_mut(r);
            s.flags |= COLLECTING;
            cur = s.gc_next;
        }
    }

    /// Subtract the references that come from inside the collected set.
    fn subtract_refs(&mut self, young: usize) {
        let mut cur = self.heap.gens[young].head;
        let mut out = Vec::new();
        while cur != NIL {
            out.clear();
            self.heap.get(ObjRef(cur)).referents(&mut out);
            for &t in &out {
                if self.heap.slot(t).is(COLLECTING) {
                    *self.refs_slot(t) -= 1;
                }
            }
            cur = self.heap.slot(ObjRef(cur)).gc_next;
        }
    }

    /// CPython's `move_unreachable`: walk the list; an object with gc_refs > 0 is
    /// reachable and makes what it references reachable (moving them back from
    /// the tentative unreachable list to the tail); one with 0 moves to unreachable.
    fn move_unreachable(&mut self, young: usize) {
        let mut cur = self.heap.gens[young].head;
        let mut out = Vec::new();
        while cur != NIL {
            let r = ObjRef(cur);
            if self.gc.gc_refs[r.idx()] > 0 {
                out.clear();
                self.heap.get(r).referents(&mut out);
                for &t in &out {
                    let tf = self.heap.slot(t).flags;
                    if tf & COLLECTING == 0 {
                        continue;
                    }
                    if tf & IN_UNREACHABLE != 0 {
                        self.heap.gen_unlink(t);
                        self.heap.slot_mut(t).flags &= !IN_UNREACHABLE;
                        self.heap.gen_append(young, t);
                        *self.refs_slot(t) = 1;
                    } else if self.gc.gc_refs[t.idx()] == 0 {
                        *self.refs_slot(t) = 1;
                    }
                }
                self.heap.slot_mut(r).flags &= !COLLECTING;
                cur = self.heap.slot(r).gc_next;
            } else {
                let next = self.heap.slot(r).gc_next;
                self.heap.gen_unlink(r);
                self.heap.gen_append(UNREACHABLE, r);
                self.heap.slot_mut(r).flags |= IN_UNREACHABLE;
                cur = next;
            }
        }
        let mut cur = self.heap.gens[UNREACHABLE].head;
        while cur != NIL {
            let s = self.heap.slot_mut(ObjRef(cur));
            s.flags &= !IN_UNREACHABLE;
            cur = s.gc_next;
        }
    }

    /// Tuples that hold nothing a collector could ever need are untracked.
    fn untrack_tuples(&mut self, young: usize) {
        for r in self.heap.gen_members(young) {
            if let Obj::Tuple(items) = self.heap.get(r) {
                if !items.iter().any(|&i| self.may_be_tracked(i)) {
                    self.untrack(r);
                }
            }
        }
    }

    /// In full collections, dicts holding only atomic keys and values are untracked.
    fn untrack_dicts(&mut self, young: usize) {
        for r in self.heap.gen_members(young) {
            if self.heap.slot(r).is(flags::INTERNAL) {
                continue;
            }
            if let Obj::Dict(d) = self.heap.get(r) {
                if !d.iter().any(|(k, v)| self.may_be_tracked(k) || self.may_be_tracked(v)) {
                    self.untrack(r);
                }
            }
        }
    }

    /// tp_clear each unreachable object in list order; whatever survives
    /// its clear moves to the older generation.
    fn delete_garbage(&mut self, old: usize) {
        let saved = self.free_cause;
        self.free_cause = Cause::Gc;
        while self.heap.gens[UNREACHABLE].head != NIL {
            let r = ObjRef(self.heap.gens[UNREACHABLE].head);
            self.incref(r);
            self.tp_clear(r);
            self.decref(r);
            if self.heap.gens[UNREACHABLE].head == r.0 {
                self.heap.gen_unlink(r);
                self.heap.slot_mut(r).flags &= !COLLECTING;
                self.heap.gen_append(old, r);
            }
        }
        self.free_cause = saved;
    }

    /// Break an object's references, as its type's tp_clear does.
    fn tp_clear(&mut self, r: ObjRef) {
        match self.heap.get_mut(r) {
            Obj::List(v) => {
                let items = std::mem::take(v);
                if self.tracing {
                    let id = self.heap.serial(r);
                    self.trace.push(Event::Items { id, items: Vec::new().into() });
                }
                for &i in items.iter().rev() {
                    self.decref(i);
                }
            }
            Obj::Dict(d) => {
                let entries = d.drain();
                if self.tracing {
                    let id = self.heap.serial(r);
                    self.trace.push(Event::Items { id, items: Vec::new().into() });
                }
                for e in entries {
                    self.decref(e.key);
                    self.decref(e.value);
                }
            }
            Obj::ListIter { list, .. } => {
                let l = std::mem::replace(list, ObjRef::NULL);
                self.xdecref(l);
            }
            // tuples have no tp_clear: their items go when the tuple is freed
            _ => {}
        }
    }
}
