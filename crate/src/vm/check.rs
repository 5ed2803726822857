//! Heap invariants, checked by the tests: every count equals the references
//! that exist, and every live object is reachable (after a full collection).

use super::Vm;
use crate::heap::{flags, ObjRef};
use crate::object::Obj;
use std::collections::HashMap;

impl Vm {
    /// References the interpreter itself holds (not through heap objects).
    fn root_refs(&self) -> Vec<ObjRef> {
        let mut roots: Vec<ObjRef> = self.const_cache.values().copied().collect();
        roots.extend(self.module_consts.iter().copied());
        roots.extend(self.stack.iter().copied().filter(|r| !r.is_null()));
        for f in &self.frames {
            roots.extend([f.func, f.frame_obj].into_iter().filter(|r| !r.is_null()));
            if f.func.is_null() && !f.ns.is_null() && f.ns != f.globals {
                roots.push(f.ns);
            }
        }
        for &(f, w) in &self.finalizers {
            roots.push(f);
            roots.push(w);
        }
        roots.extend(self.exc_stack.iter().copied().filter(|r| !r.is_null()));
        roots.extend(self.subclass_refs.iter().map(|e| e.1));
        roots.extend(self.subclass_dicts.iter().map(|e| e.1));
        for r in [
            self.main_globals,
            self.gc_garbage,
            self.gc_callbacks,
            self.exc_info,
            self.io_pending_list,
            self.repr_state,
            self.repr_state_list,
        ] {
            if !r.is_null() {
                roots.push(r);
            }
        }
        roots
    }

    /// Every reference an object owns (its traverse, plus what traverse skips: str keys).
    fn owned_refs(&self, r: ObjRef, out: &mut Vec<ObjRef>) {
        let obj = self.heap.get(r);
        obj.referents(out);
        if let Obj::Instance(i) = obj {
            // a 3.13 instance owns its __dict__ even though traverse skips it
            if i.dict_embedded && !i.dict.is_null() {
                out.push(i.dict);
            }
        }
        if let Obj::Dict(d) = obj {
            let str_keys = d.entries().all(|e| matches!(e.k, crate::dict::Key::Str(_)));
            if !d.embedded.is_null() {
                out.extend(d.entries().map(|e| e.key));
            } else if str_keys {
                out.extend(d.entries().map(|e| e.key));
            }
        }
    }

    /// Check the invariants; each violation is described in the result.
    pub fn check_heap(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let live: Vec<ObjRef> =
            (0..self.heap.slots.len() as u32).map(ObjRef).filter(|&r| self.heap.is_live(r)).collect();
        let counted = |r: ObjRef| {
            let s = self.heap.slot(r);
            !s.is(flags::IMMORTAL) && !matches!(s.obj, Obj::Module { .. })
        };
        // refcounts
        let mut refs: HashMap<ObjRef, u32> = HashMap::new();
        let mut out = Vec::new();
        for &r in &live {
            out.clear();
            self.owned_refs(r, &mut out);
            for &t in &out {
                *refs.entry(t).or_default() += 1;
            }
        }
        for t in self.root_refs() {
            *refs.entry(t).or_default() += 1;
        }
        for &r in &live {
            if !counted(r) {
                continue;
            }
            let want = refs.get(&r).copied().unwrap_or(0);
            let have = self.heap.slot(r).rc;
            if want != have {
                problems.push(format!(
                    "{} #{}: refcount {have}, but {want} references exist",
                    self.type_name(r),
                    self.heap.serial(r)
                ));
            }
        }
        // references to freed objects
        for &r in &live {
            out.clear();
            self.owned_refs(r, &mut out);
            for &t in &out {
                if !self.heap.is_live(t) {
                    problems.push(format!("{} #{} refers to a freed slot", self.type_name(r), self.heap.serial(r)));
                }
            }
        }
        // tracked flags match the generation lists
        let mut in_lists = 0u32;
        for g in 0..4 {
            for r in self.heap.gen_members(g) {
                in_lists += 1;
                if !self.heap.slot(r).is(flags::TRACKED) || self.heap.slot(r).generation as usize != g {
                    problems.push(format!("#{} is in generation list {g} but not marked so", self.heap.serial(r)));
                }
            }
        }
        let tracked = live.iter().filter(|&&r| self.heap.slot(r).is(flags::TRACKED)).count() as u32;
        if tracked != in_lists {
            problems.push(format!("{tracked} objects are marked tracked but {in_lists} are in the generation lists"));
        }
        problems
    }

    /// Live objects nothing reaches from the roots (after a full collection there must be none).
    pub fn unreachable_objects(&self) -> Vec<String> {
        let mut marked = vec![false; self.heap.slots.len()];
        let mut work: Vec<ObjRef> = self.root_refs();
        for i in 0..self.heap.slots.len() as u32 {
            let r = ObjRef(i);
            if self.heap.is_live(r)
                && (self.heap.slot(r).is(flags::IMMORTAL) || matches!(self.heap.get(r), Obj::Module { .. }))
            {
                work.push(r);
            }
        }
        let mut out = Vec::new();
        while let Some(r) = work.pop() {
            if marked[r.idx()] {
                continue;
            }
            marked[r.idx()] = true;
            out.clear();
            self.owned_refs(r, &mut out);
            work.extend(out.iter().copied().filter(|t| !marked[t.idx()]));
        }
        (0..self.heap.slots.len() as u32)
            .map(ObjRef)
            .filter(|&r| self.heap.is_live(r) && !marked[r.idx()])
            .map(|r| format!("{} #{} is alive but unreachable", self.type_name(r), self.heap.serial(r)))
            .collect()
    }

    /// The invariants between two statements of code the eval loop runs
    /// directly (the fuzzer's `heap_ops`, through the `check` feature). Code a
    /// native call runs (a finalizer, a callback, a generator) is skipped: its
    /// native callers may hold references no root shows. The first failure is kept.
    #[cfg(feature = "check")]
    pub(crate) fn check_step(&mut self) {
        if self.check_steps && self.native_depth == 0 && self.step_problems.is_empty() {
            let problems = self.check_heap();
            let at = self.steps + 1;
            self.step_problems = problems.into_iter().map(|p| format!("before step {at}: {p}")).collect();
        }
    }
}
