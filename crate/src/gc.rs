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

#[allow(unused_imports)]
use crate::heap::GenList;
use crate::heap::{flags, list_append, list_unlink, ObjRef, NIL};
use crate::object::Obj;
use crate::profile::Profile;
use crate::trace::{Cause, Event};
use crate::vm::Vm;

pub(crate) const NUM_GENERATIONS: usize = 3;
pub(crate) const PERMANENT: usize = 3;
const UNREACHABLE: usize = 4;
/// Working lists: finalize_garbage's "seen", the still-unreachable set, weakref callbacks to call.
const SEEN: usize = 5;
const FINAL: usize = 6;
const WRCB: usize = 7;
pub const DEBUG_SAVEALL: u32 = 32;
/// Per-object detail a collection records for each phase; past it, counts only.
const PHASE_DETAIL: usize = 200;
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
    pub debug: u32,
    /// Free lists of lists, dicts and tuples (by size): reuse skips the count.
    pub free_lists: FreeLists,
    /// Per generation: collections, collected, uncollectable (gc.get_stats()).
    pub stats: [[u64; 3]; 3],
    /// The program imported the gc module (the first import allocates).
    pub imported: bool,
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
            debug: 0,
            free_lists: profile.startup_free_lists.clone(),
            stats: profile.startup_stats,
            imported: false,
        }
    }

    /// A list, dict or tuple taken from its free list is not counted.
    pub fn alloc_from_free_list(&mut self, kind: FreeKind) -> bool {
        let slot = self.free_lists.slot(kind);
        if *slot > 0 {
            *slot -= 1;
            true
        } else {
            false
        }
    }

    /// A freed list, dict or tuple goes back to its free list while there is room.
    pub fn dealloc_to_free_list(&mut self, kind: FreeKind) -> bool {
        let max = kind.max();
        let slot = self.free_lists.slot(kind);
        if *slot < max {
            *slot += 1;
            true
        } else {
            false
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

/// Which free list an object would use.
#[derive(Clone, Copy, Debug)]
pub enum FreeKind {
    List,
    Dict,
    Tuple(usize),
}

impl FreeKind {
    fn max(self) -> u32 {
        match self {
            FreeKind::List | FreeKind::Dict => 80,
            FreeKind::Tuple(_) => 2000,
        }
    }

    pub fn of(obj: &Obj) -> Option<FreeKind> {
        match obj {
            Obj::List(_) => Some(FreeKind::List),
            Obj::Dict(_) => Some(FreeKind::Dict),
            Obj::Tuple(t) if (1..=20).contains(&t.len()) => Some(FreeKind::Tuple(t.len())),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct FreeLists {
    pub lists: u32,
    pub dicts: u32,
    pub tuples: [u32; 21],
}

impl FreeLists {
    fn slot(&mut self, k: FreeKind) -> &mut u32 {
        match k {
            FreeKind::List => &mut self.lists,
            FreeKind::Dict => &mut self.dicts,
            FreeKind::Tuple(n) => &mut self.tuples[n],
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

    /// Interpreter exit, while the modules still hold their names: a full
    /// collection as `gc.collect()` runs it (`PyGC_Collect`: none when the
    /// collector is disabled).
    pub fn collect_before_exit(&mut self) -> bool {
        self.gc.collecting = false;
        if self.gc.enabled {
            self.collect(2, "interpreter exit".into());
        }
        self.gc.enabled
    }

    /// Interpreter exit, once `__main__` is gone: the last full collection,
    /// disabled or not, and without gc.callbacks (`_PyGC_CollectNoFail`).
    pub fn collect_at_exit(&mut self) -> u32 {
        self.gc.collecting = true;
        let n = self.collect_main(2, "interpreter exit".into());
        self.gc.collecting = false;
        n
    }

    /// A GC object CPython makes inside one C call and frees before that call
    /// returns, never seen by the program (a built-in's bound method, a
    /// `super` object): it counts while it lives, and its allocation may
    /// schedule a collection.
    pub(crate) fn transient_gc_alloc(&mut self) {
        self.gc.alloc_gc_object();
    }

    /// The end of a `transient_gc_alloc` object (`PyObject_GC_Del`).
    pub(crate) fn transient_gc_free(&mut self) {
        self.gc.dealloc_gc_object();
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

    /// A collection with gc.callbacks around it ("start", then "stop").
    fn collect(&mut self, generation: usize, reason: String) -> u32 {
        self.gc.collecting = true;
        self.invoke_callbacks("start", generation, 0, 0);
        let n = self.collect_main(generation, reason);
        self.invoke_callbacks("stop", generation, n, 0);
        self.gc.collecting = false;
        n
    }

    fn invoke_callbacks(&mut self, phase: &str, generation: usize, collected: u32, uncollectable: u32) {
        let cbs = self.seq_items(self.gc_callbacks);
        if cbs.is_empty() {
            return;
        }
        let info = self.alloc(Obj::Dict(Box::new(crate::dict::Dict::new())));
        for (k, v) in [
            ("generation", generation as i64),
            ("collected", collected as i64),
            ("uncollectable", uncollectable as i64),
        ] {
            let key = self.str(k);
            let val = self.int(v);
            let _ = self.dict_set(info, key, val);
            self.decref(key);
            self.decref(val);
        }
        let ph = self.str(phase);
        for cb in cbs {
            self.incref(cb);
            match self.call_object(cb, &[ph, info], &[]) {
                Ok(r) => self.decref(r),
                Err(e) => {
                    let what = self.func_repr(cb);
                    self.report_ignored(&what, e);
                }
            }
            self.decref(cb);
        }
        self.decref(ph);
        self.decref(info);
    }

    fn collect_main(&mut self, generation: usize, reason: String) -> u32 {
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
        if generation > 0 && self.tracing {
            // the younger generations are collected with it: gc_list_merge
            self.trace.push(Event::GcPromote { upto: generation as u8 - 1, to: generation as u8 });
        }
        let young = generation;
        let old = if generation < NUM_GENERATIONS - 1 { generation + 1 } else { generation };

        let full = young == old;
        let (may_finalize, dicts) = if self.tracing {
            // each phase is a step of the trace, with the gc_refs it leaves
            self.update_refs(young);
            self.trace_phase("update_refs", &[young], false, &[]);
            self.subtract_refs(young);
            self.trace_phase("subtract_refs", &[young], true, &[]);
            let (may_finalize, _) = self.move_unreachable(young, UNREACHABLE, None);
            let unreachable = self.heap.gen_members(UNREACHABLE);
            self.trace_phase("move_unreachable", &[young, UNREACHABLE], false, &unreachable);
            (may_finalize, self.untrack_tuples(young, full))
        } else {
            // the same results in two walks instead of four
            self.update_and_subtract_refs(young);
            self.move_unreachable(young, UNREACHABLE, Some(full))
        };

        if young != old {
            if generation == NUM_GENERATIONS - 2 {
                self.gc.long_lived_pending += self.heap.gens[young].len;
            }
            self.heap.gen_merge(young, old);
            if self.tracing {
                self.trace.push(Event::GcPromote { upto: young as u8, to: old as u8 });
            }
        } else {
            self.untrack_dicts(dicts);
            self.gc.long_lived_pending = 0;
            self.gc.long_lived_total = self.heap.gens[young].len;
        }

        let saved_cause = self.free_cause;
        self.free_cause = Cause::Gc;
        let (mut collected, callbacks_ran) = self.handle_weakrefs(old);
        if self.tracing {
            let with_del: Vec<ObjRef> = self
                .heap
                .gen_members(UNREACHABLE)
                .into_iter()
                .filter(|&r| self.has_finalizer(r) && !self.heap.slot(r).is(flags::FINALIZED))
                .collect();
            if !with_del.is_empty() {
                self.trace_phase("finalize_garbage", &[UNREACHABLE], false, &with_del);
            }
        }
        // a callback may have given a class a __del__: then look again
        let code_ran = self.finalize_garbage(may_finalize || callbacks_ran) || callbacks_ran;
        let before = if self.tracing { self.heap.gen_members(UNREACHABLE) } else { Vec::new() };
        let final_list = self.handle_resurrected_objects(old, code_ran);
        if self.tracing {
            let still: hashbrown::HashSet<ObjRef> = self.heap.gen_members(final_list).into_iter().collect();
            let resurrected: Vec<ObjRef> =
                before.into_iter().filter(|r| !still.contains(r) && self.heap.is_live(*r)).collect();
            if !resurrected.is_empty() {
                self.trace_phase("handle_resurrected_objects", &[final_list], false, &resurrected);
            }
        }
        let doomed = if self.tracing { self.heap.gen_members(final_list) } else { Vec::new() };
        self.trace_phase("delete_garbage", &[final_list], false, &doomed);
        collected += self.heap.gens[final_list].len;
        self.delete_garbage(old, final_list);
        self.free_cause = saved_cause;

        if generation == NUM_GENERATIONS - 1 {
            // _PyGC_ClearAllFreeLists
            self.gc.free_lists = FreeLists::default();
        }
        let st = &mut self.gc.stats[generation];
        st[0] += 1;
        st[1] += collected as u64;
        if self.tracing {
            self.trace.push(Event::GcEnd { collected, uncollectable: 0 });
        }
        collected
    }

    /// Start a new step for a collection phase, recording the objects' gc_refs
    /// (and the references inside the set, after subtract_refs), up to a bound.
    fn trace_phase(&mut self, phase: &'static str, lists: &[usize], internal_refs: bool, marked: &[ObjRef]) {
        if !self.tracing {
            return;
        }
        // the program's objects: the interpreter's own are not drawn
        let mut members: Vec<ObjRef> = Vec::new();
        let mut total = 0;
        for &l in lists {
            for r in self.heap.gen_members(l) {
                if self.heap.slot(r).is(flags::INTERNAL) {
                    continue;
                }
                total += 1;
                if members.len() < PHASE_DETAIL {
                    members.push(r);
                }
            }
        }
        if total == 0 {
            // nothing of the program's takes part: no step to show
            return;
        }
        let line = self.trace.current_line();
        self.end_step();
        self.trace.begin_step(line);
        let gc_refs: Vec<(u32, i64)> =
            members.iter().map(|&r| (self.heap.serial(r), self.heap.slot(r).gc_refs as i64)).collect();
        let mut internal = Vec::new();
        if internal_refs {
            let mut out = Vec::new();
            for &r in &members {
                out.clear();
                self.heap.get(r).referents(&mut out);
                for &t in &out {
                    if self.heap.slot(t).is(COLLECTING) && !self.heap.slot(t).is(flags::INTERNAL) {
                        internal.push((self.heap.serial(r), self.heap.serial(t)));
                    }
                }
            }
        }
        let mut marked_total = 0;
        let mut shown = Vec::new();
        for &r in marked.iter().filter(|&&r| !self.heap.slot(r).is(flags::INTERNAL)) {
            marked_total += 1;
            if shown.len() < PHASE_DETAIL {
                shown.push(self.heap.serial(r));
            }
        }
        self.trace.push(Event::GcPhase(Box::new(crate::trace::Phase {
            phase,
            total,
            gc_refs: gc_refs.into(),
            internal: internal.into(),
            marked: shown.into(),
            marked_total,
        })));
    }

    /// Clear weakrefs to unreachable objects; call the callbacks of those
    /// weakrefs that are themselves reachable. Returns how many of those
    /// weakrefs died right after their callback (they count as collected),
    /// and whether any callback ran.
    fn handle_weakrefs(&mut self, old: usize) -> (u32, bool) {
        // with no weak reference anywhere there is nothing to clear (every
        // weakref with a target is registered under it)
        let mut cur = if self.weakrefs.is_empty() { NIL } else { self.heap.gens[UNREACHABLE].head };
        while cur != NIL {
            let r = ObjRef(cur);
            // what follows moves only weakrefs outside the unreachable set
            cur = self.heap.slot(r).gc_next;
            // a weakref in the unreachable set is cleared, its callback never runs
            if let Obj::WeakRef { target, .. } = *self.heap.get(r) {
                if !target.is_null() {
                    self.forget_weakref(target, r);
                    if let Obj::WeakRef { target, .. } = self.heap.get_mut(r) {
                        *target = ObjRef::NULL;
                    }
                }
            }
            let Some(list) = self.weakrefs.remove(&r.0) else { continue };
            for &w in list.iter().rev() {
                let cb = match self.heap.get_mut(w) {
                    Obj::WeakRef { target, callback } => {
                        *target = ObjRef::NULL;
                        *callback
                    }
                    _ => ObjRef::NULL,
                };
                if cb.is_null() || self.heap.slot(w).is(COLLECTING) {
                    continue;
                }
                self.incref(w);
                if self.heap.slot(w).is(flags::TRACKED) {
                    self.heap.gen_unlink(w);
                }
                self.heap.gen_append(WRCB, w);
                self.heap.slot_mut(w).flags |= flags::TRACKED;
            }
        }
        let mut freed = 0;
        let callbacks = self.heap.gens[WRCB].head != NIL;
        while self.heap.gens[WRCB].head != NIL {
            let w = ObjRef(self.heap.gens[WRCB].head);
            let cb = match self.heap.get(w) {
                Obj::WeakRef { callback, .. } => *callback,
                _ => ObjRef::NULL,
            };
            if matches!(self.heap.get(cb), Obj::Finalizer { .. }) {
                let r = self.run_finalizer(cb);
                self.decref(r);
            } else {
                match self.call_object(cb, &[w], &[]) {
                    Ok(r) => self.decref(r),
                    Err(e) => {
                        let what = self.func_repr(cb);
                        self.report_ignored(&what, e);
                    }
                }
            }
            self.decref(w);
            if self.heap.gens[WRCB].head == w.0 {
                self.heap.gen_unlink(w);
                self.heap.gen_append(old, w);
            } else {
                freed += 1;
            }
        }
        (freed, callbacks)
    }

    /// Call `__del__` of each unreachable object not yet finalized (PEP 442).
    /// Returns whether any ran. `look` false: move_unreachable saw no object
    /// with a finalizer to run.
    fn finalize_garbage(&mut self, look: bool) -> bool {
        if !look || !self.any_to_finalize(UNREACHABLE) {
            // nothing to call: the walk below would leave the list as it is
            return false;
        }
        while self.heap.gens[UNREACHABLE].head != NIL {
            let r = ObjRef(self.heap.gens[UNREACHABLE].head);
            self.heap.gen_unlink(r);
            self.heap.gen_append(SEEN, r);
            if self.has_finalizer(r) && !self.heap.slot(r).is(flags::FINALIZED) {
                self.heap.slot_mut(r).flags |= flags::FINALIZED;
                self.incref(r);
                self.call_del(r);
                self.decref(r);
            }
        }
        self.heap.gen_merge(SEEN, UNREACHABLE);
        true
    }

    /// Does an object of list `g` have a `__del__` (or a generator's close) still to run?
    fn any_to_finalize(&self, g: usize) -> bool {
        let mut cur = self.heap.gens[g].head;
        while cur != NIL {
            let r = ObjRef(cur);
            let s = self.heap.slot(r);
            if !s.is(flags::FINALIZED) && self.has_finalizer(r) {
                return true;
            }
            cur = s.gc_next;
        }
        false
    }

    /// Objects a finalizer made reachable again survive, with all they reach.
    /// When no Python code ran since the unreachable set was found (no
    /// finalizer, no weakref callback), no count changed: every object is
    /// still unreachable, in the same order, with gc_refs 0, and the set moves
    /// on whole, as the walk below would move it.
    /// Returns the list that holds what is still unreachable.
    fn handle_resurrected_objects(&mut self, old: usize, code_ran: bool) -> usize {
        if !code_ran {
            return UNREACHABLE;
        }
        let mut cur = self.heap.gens[UNREACHABLE].head;
        while cur != NIL {
            let s = self.heap.slot_mut(ObjRef(cur));
            s.flags &= !COLLECTING;
            cur = s.gc_next;
        }
        self.update_refs(UNREACHABLE);
        self.subtract_refs(UNREACHABLE);
        self.move_unreachable(UNREACHABLE, FINAL, None);
        self.heap.gen_merge(UNREACHABLE, old);
        FINAL
    }

    /// gc_refs = ob_refcnt for every object in the generation, marked as collecting.
    fn update_refs(&mut self, young: usize) {
        let slots = self.heap.slots.as_mut_slice();
        let mut cur = self.heap.gens[young].head;
        while cur != NIL {
            let s = &mut slots[cur as usize];
            s.gc_refs = s.rc.min(i32::MAX as u32) as i32;
            s.flags |= COLLECTING;
            cur = s.gc_next;
        }
    }

    /// `update_refs` and `subtract_refs` in one walk: an object joins the set
    /// (gc_refs = refcount) when it is first met, as itself or as a referent;
    /// a referent is in the set when it is tracked in generation `young`.
    fn update_and_subtract_refs(&mut self, young: usize) {
        let g = young as u8;
        let slots = self.heap.slots.as_mut_slice();
        let mut cur = self.heap.gens[young].head;
        let mut out = Vec::new();
        while cur != NIL {
            let s = &mut slots[cur as usize];
            if s.flags & COLLECTING == 0 {
                s.gc_refs = s.rc.min(i32::MAX as u32) as i32;
                s.flags |= COLLECTING;
            }
            cur = s.gc_next;
            referents_into(&s.obj, &mut out);
            let refs = out.as_slice();
            let mut k = refs.len();
            while k > 0 {
                k -= 1;
                let Some(ts) = slots.get_mut(refs[k].idx()) else { continue };
                if ts.flags & flags::TRACKED != 0 && ts.generation == g {
                    if ts.flags & COLLECTING == 0 {
                        ts.gc_refs = ts.rc.min(i32::MAX as u32) as i32;
                        ts.flags |= COLLECTING;
                    }
                    ts.gc_refs -= 1;
                }
            }
        }
    }

    /// Subtract the references that come from inside the collected set.
    fn subtract_refs(&mut self, young: usize) {
        let slots = self.heap.slots.as_mut_slice();
        let mut cur = self.heap.gens[young].head;
        let mut out = Vec::new();
        while cur != NIL {
            let s = &slots[cur as usize];
            referents_into(&s.obj, &mut out);
            cur = s.gc_next;
            let refs = out.as_slice();
            let mut k = refs.len();
            while k > 0 {
                k -= 1;
                let Some(ts) = slots.get_mut(refs[k].idx()) else { continue };
                if ts.flags & COLLECTING != 0 {
                    ts.gc_refs -= 1;
                }
            }
        }
    }

    /// CPython's `move_unreachable`: walk the list; an object with gc_refs > 0 is
    /// reachable and makes what it references reachable (moving them back from
    /// the tentative unreachable list to the tail); one with 0 moves to unreachable.
    /// Returns whether an object moved there had a finalizer still to run.
    /// With `untrack` (untraced runs) it also does `untrack_tuples` as it goes:
    /// the reachable objects are met in their final list order, so each tuple
    /// is judged when `untrack_tuples` would judge it; `Some(true)` (a full
    /// collection) gathers the dicts for `untrack_dicts` too.
    fn move_unreachable(&mut self, young: usize, to: usize, untrack: Option<bool>) -> (bool, Vec<ObjRef>) {
        let mut cur = self.heap.gens[young].head;
        let mut out = Vec::new();
        let mut may_finalize = false;
        let mut dicts = Vec::new();
        while cur != NIL {
            let r = ObjRef(cur);
            let heap = &mut self.heap;
            let slots = heap.slots.as_mut_slice();
            let s = &slots[cur as usize];
            if s.gc_refs > 0 {
                referents_into(&s.obj, &mut out);
                let refs = out.as_slice();
                let mut k = refs.len();
                while k > 0 {
                    k -= 1;
                    let t = refs[k];
                    let Some(ts) = slots.get_mut(t.idx()) else { continue };
                    let tf = ts.flags;
                    if tf & COLLECTING == 0 {
                        continue;
                    }
                    if tf & IN_UNREACHABLE != 0 {
                        ts.flags &= !IN_UNREACHABLE;
                        ts.gc_refs = 1;
                        list_unlink(slots, &mut heap.gens, t.0);
                        list_append(slots, &mut heap.gens, young, t.0);
                    } else if ts.gc_refs == 0 {
                        ts.gc_refs = 1;
                    }
                }
                let s = &mut slots[cur as usize];
                s.flags &= !COLLECTING;
                cur = s.gc_next;
                if let Some(full) = untrack {
                    let s = self.heap.slot(r);
                    match &s.obj {
                        Obj::Tuple(items) if !items.iter().any(|&i| self.may_be_tracked(i)) => self.untrack(r),
                        Obj::Dict(_) if full && !s.is(flags::INTERNAL) => dicts.push(r),
                        _ => {}
                    }
                }
            } else {
                let next = s.gc_next;
                let maybe = !may_finalize && s.flags & flags::FINALIZED == 0;
                list_unlink(slots, &mut heap.gens, cur);
                list_append(slots, &mut heap.gens, to, cur);
                slots[cur as usize].flags |= IN_UNREACHABLE;
                if maybe {
                    may_finalize = self.has_finalizer(r);
                }
                cur = next;
            }
        }
        let slots = self.heap.slots.as_mut_slice();
        let mut cur = self.heap.gens[to].head;
        while cur != NIL {
            let s = &mut slots[cur as usize];
            s.flags &= !IN_UNREACHABLE;
            cur = s.gc_next;
        }
        (may_finalize, dicts)
    }

    /// Tuples that hold nothing a collector could ever need are untracked.
    /// In full collections (`dicts`) the same walk gathers the program's dicts
    /// for `untrack_dicts`, which looks at them after every tuple's turn.
    fn untrack_tuples(&mut self, young: usize, dicts: bool) -> Vec<ObjRef> {
        let mut found = Vec::new();
        let mut cur = self.heap.gens[young].head;
        while cur != NIL {
            let r = ObjRef(cur);
            let s = self.heap.slot(r);
            cur = s.gc_next;
            match &s.obj {
                Obj::Tuple(items) if !items.iter().any(|&i| self.may_be_tracked(i)) => self.untrack(r),
                Obj::Dict(_) if dicts && !s.is(flags::INTERNAL) => found.push(r),
                _ => {}
            }
        }
        found
    }

    /// In full collections, dicts holding only atomic keys and values are untracked.
    fn untrack_dicts(&mut self, dicts: Vec<ObjRef>) {
        for r in dicts {
            if let Obj::Dict(d) = self.heap.get(r) {
                if !d.iter().any(|(k, v)| self.may_be_tracked(k) || self.may_be_tracked(v)) {
                    self.untrack(r);
                }
            }
        }
    }

    /// tp_clear each unreachable object in list order; whatever survives
    /// its clear moves to the older generation. With DEBUG_SAVEALL the
    /// objects go to gc.garbage instead.
    fn delete_garbage(&mut self, old: usize, list: usize) {
        while self.heap.gens[list].head != NIL {
            let r = ObjRef(self.heap.gens[list].head);
            if self.gc.debug & DEBUG_SAVEALL != 0 {
                let g = self.gc_garbage;
                self.list_push(g, r);
                self.heap.gen_unlink(r);
                self.heap.slot_mut(r).flags &= !COLLECTING;
                self.heap.gen_append(old, r);
                continue;
            }
            self.incref(r);
            self.tp_clear(r);
            self.decref(r);
            if self.heap.gens[list].head == r.0 {
                self.heap.gen_unlink(r);
                self.heap.slot_mut(r).flags &= !COLLECTING;
                self.heap.gen_append(old, r);
            }
        }
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
            Obj::Set(d) => {
                let entries = d.drain();
                for e in entries {
                    self.decref(e.key);
                }
            }
            Obj::Instance(i) => {
                // subtype_clear: the attribute values (and __dict__), then exception state
                let attrs = std::mem::take(&mut i.attrs);
                let dict = std::mem::replace(&mut i.dict, ObjRef::NULL);
                // (StopIteration_clear: its value first)
                let value = i.exc.as_mut().map_or(ObjRef::NULL, |e| std::mem::replace(&mut e.value, ObjRef::NULL));
                let exc = i.exc.as_mut().map(|e| {
                    (
                        std::mem::replace(&mut e.args, ObjRef::NULL),
                        std::mem::replace(&mut e.traceback, ObjRef::NULL),
                        std::mem::replace(&mut e.cause, ObjRef::NULL),
                        std::mem::replace(&mut e.context, ObjRef::NULL),
                    )
                });
                if self.tracing {
                    self.trace_attrs(r);
                }
                for (_, v) in attrs {
                    self.decref(v);
                }
                self.xdecref(dict);
                self.xdecref(value);
                if let Some((a, t, c, x)) = exc {
                    self.xdecref(a);
                    self.xdecref(t);
                    self.xdecref(c);
                    self.xdecref(x);
                }
            }
            Obj::Function(f) => {
                // func_clear
                let globals = std::mem::replace(&mut f.globals, ObjRef::NULL);
                let defaults = std::mem::replace(&mut f.defaults, ObjRef::NULL);
                let kwdefaults = std::mem::replace(&mut f.kwdefaults, ObjRef::NULL);
                let dict = std::mem::replace(&mut f.dict, ObjRef::NULL);
                let closure = std::mem::replace(&mut f.closure, ObjRef::NULL);
                self.xdecref(globals);
                self.xdecref(defaults);
                self.xdecref(kwdefaults);
                self.xdecref(dict);
                self.xdecref(closure);
            }
            Obj::Cell(v) => {
                let old = std::mem::replace(v, ObjRef::NULL);
                self.xdecref(old);
            }
            Obj::Type(t) => {
                // type_clear: the dict and the mro
                let dict = std::mem::replace(&mut t.dict, ObjRef::NULL);
                let mro = std::mem::replace(&mut t.mro, ObjRef::NULL);
                self.xdecref(dict);
                self.xdecref(mro);
            }
            Obj::Frame(f) => {
                let locals = std::mem::take(&mut f.locals);
                for v in locals {
                    self.xdecref(v);
                }
            }
            Obj::Traceback { next, frame, .. } => {
                let n = std::mem::replace(next, ObjRef::NULL);
                let f = std::mem::replace(frame, ObjRef::NULL);
                self.xdecref(n);
                self.xdecref(f);
            }
            Obj::Module { dict, .. } => {
                let d = *dict;
                self.tp_clear(d);
            }
            Obj::Iter(it) => {
                use crate::object::IterState;
                let held: Vec<ObjRef> = match &mut **it {
                    IterState::Seq { seq, .. } | IterState::Reversed { seq, .. } => {
                        vec![std::mem::replace(seq, ObjRef::NULL)]
                    }
                    IterState::Dict { dict, .. } => vec![std::mem::replace(dict, ObjRef::NULL)],
                    IterState::Set { set, .. } => vec![std::mem::replace(set, ObjRef::NULL)],
                    _ => Vec::new(),
                };
                for h in held {
                    self.xdecref(h);
                }
            }
            Obj::Generator(g) => {
                if let Some(f) = g.frame.take() {
                    self.xdecref(f.frame_obj);
                    for v in f.values {
                        self.xdecref(v);
                    }
                    self.xdecref(f.func);
                }
            }
            // tuples, methods and descriptors have no tp_clear: their
            // references go when they are freed
            _ => {}
        }
    }
}

/// The gc module's introspection functions.
impl Vm {
    /// gc.get_objects(generation=None): tracked objects of the program, in list order.
    pub(crate) fn gc_get_objects(&mut self, generation: Option<i64>) -> Result<ObjRef, crate::vm::PyErr> {
        let gens: Vec<usize> = match generation {
            Some(g) => vec![g as usize],
            None => (0..NUM_GENERATIONS).collect(),
        };
        let mut items = Vec::new();
        for g in gens {
            for r in self.heap.gen_members(g) {
                if !self.heap.slot(r).is(flags::INTERNAL) {
                    items.push(r);
                }
            }
        }
        for &r in &items {
            self.incref(r);
        }
        Ok(self.new_list(items))
    }

    /// gc.get_stats(): one dict per generation.
    pub(crate) fn gc_get_stats(&mut self) -> Result<ObjRef, crate::vm::PyErr> {
        let mut out = Vec::new();
        for g in 0..NUM_GENERATIONS {
            let st = self.gc.stats[g];
            let d = self.alloc(Obj::Dict(Box::new(crate::dict::Dict::new())));
            for (k, v) in [("collections", st[0]), ("collected", st[1]), ("uncollectable", st[2])] {
                let key = self.str(k);
                let val = self.int(v as i64);
                let _ = self.dict_set(d, key, val);
                self.decref(key);
                self.decref(val);
            }
            out.push(d);
        }
        Ok(self.new_list(out))
    }

    /// gc.get_referrers(*objs): tracked objects that refer to any of them.
    pub(crate) fn gc_get_referrers(&mut self, objs: &[ObjRef]) -> Result<ObjRef, crate::vm::PyErr> {
        let mut items = Vec::new();
        let mut out = Vec::new();
        for g in 0..NUM_GENERATIONS {
            for r in self.heap.gen_members(g) {
                if self.heap.slot(r).is(flags::INTERNAL) && !matches!(self.heap.get(r), Obj::Dict(_)) {
                    continue;
                }
                out.clear();
                self.heap.get(r).referents(&mut out);
                if out.iter().any(|x| objs.contains(x)) {
                    items.push(r);
                }
            }
        }
        for &r in &items {
            self.incref(r);
        }
        Ok(self.new_list(items))
    }

    /// gc.get_referents(*objs): what each container refers to (tp_traverse).
    pub(crate) fn gc_get_referents(&mut self, objs: &[ObjRef]) -> Result<ObjRef, crate::vm::PyErr> {
        let mut items = Vec::new();
        for &o in objs {
            if !self.heap.tag(o).is_gc() {
                continue;
            }
            self.heap.get(o).referents(&mut items);
        }
        for &r in &items {
            self.incref(r);
        }
        Ok(self.new_list(items))
    }

    /// gc.freeze(): everything tracked moves to the permanent generation.
    pub(crate) fn gc_freeze(&mut self) {
        for g in 0..NUM_GENERATIONS {
            self.heap.gen_merge(g, PERMANENT);
            self.gc.count[g] = 0;
        }
        if self.tracing {
            self.trace.push(Event::GcPromote { upto: 2, to: PERMANENT as u8 });
        }
    }

    pub(crate) fn gc_unfreeze(&mut self) {
        self.heap.gen_merge(PERMANENT, NUM_GENERATIONS - 1);
        if self.tracing {
            self.trace.push(Event::GcUnfreeze);
        }
    }
}

/// An object's referents into `out` in reverse traverse order, to be read
/// from the end: a list's or a tuple's items (the collector's common case)
/// are copied at once. A null item (a tuple being filled) is left for
/// callers to skip. Callers index the slice in plain loops: at opt-level "z"
/// an iterator's `next` is a call per item.
#[inline(always)]
fn referents_into(obj: &Obj, out: &mut Vec<ObjRef>) {
    out.clear();
    match obj {
        Obj::List(v) => out.extend_from_slice(v),
        Obj::Tuple(v) => out.extend_from_slice(v),
        o => {
            o.referents(out);
            out.reverse();
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{run, Options};

    /// Untraced runs collect with fused walks; traced runs keep a walk per
    /// phase (each is a step of the trace). Both must leave the same heap:
    /// every corpus case prints the same either way.
    #[test]
    fn traced_and_untraced_collections_agree_on_every_corpus_case() {
        // deep cases need the native stack the CLI gives the interpreter
        std::thread::Builder::new().stack_size(256 << 20).spawn(agree_on_corpus).unwrap().join().unwrap();
    }

    fn agree_on_corpus() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus/cases");
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .expect("corpus cases")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "py"))
            .collect();
        paths.sort();
        assert!(paths.len() > 100);
        for path in paths {
            let src = std::fs::read_to_string(&path).expect("utf-8");
            let plain = run(&src, &Options { trace: false, max_steps: 2_000_000, ..Options::default() });
            let traced = run(&src, &Options { trace: true, max_steps: 2_000_000, ..Options::default() });
            assert_eq!(plain.stdout, traced.stdout, "{path:?}");
            assert_eq!(plain.stderr, traced.stderr, "{path:?}");
            assert_eq!(plain.exit_code, traced.exit_code, "{path:?}");
        }
    }
}
