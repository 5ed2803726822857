//! The object heap: an arena of slots with CPython-style headers.
//!
//! A slot index is an object's address (`id()` is derived from it, and it is
//! reused after a free, as CPython reuses memory). The `serial` is the
//! object's identity in the trace: never reused.

use crate::object::{Obj, TypeTag};

/// A reference to a heap slot.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct ObjRef(pub u32);

impl Default for ObjRef {
    fn default() -> Self {
        ObjRef::NULL
    }
}

impl ObjRef {
    /// CPython's NULL on the value stack.
    pub const NULL: ObjRef = ObjRef(u32::MAX);
    pub fn is_null(self) -> bool {
        self.0 == u32::MAX
    }
    pub fn idx(self) -> usize {
        self.0 as usize
    }
}

/// What `sys.getrefcount` reports for an immortal object on 64-bit 3.12+.
pub const IMMORTAL_REFCNT: u32 = u32::MAX;

pub mod flags {
    pub const TRACKED: u8 = 1;
    pub const IMMORTAL: u8 = 2;
    pub const FINALIZED: u8 = 4;
    /// Internal objects (code, builtins, modules) are not drawn on the heap view.
    pub const INTERNAL: u8 = 8;
    pub const FROZEN: u8 = 16;
}

/// Sentinel for "no neighbour" in the generation lists.
pub const NIL: u32 = u32::MAX;

pub struct Slot {
    pub rc: u32,
    pub serial: u32,
    /// Intrusive doubly linked generation list, as CPython's `PyGC_Head`.
    pub gc_prev: u32,
    pub gc_next: u32,
    pub flags: u8,
    pub generation: u8,
    /// The collector's working count during a collection (CPython keeps it in
    /// `_gc_prev`); it fits in the header's padding.
    pub gc_refs: i32,
    pub obj: Obj,
}

impl Slot {
    pub fn is(&self, f: u8) -> bool {
        self.flags & f != 0
    }
}

/// One of CPython's generation lists: a doubly linked list through slots.
#[derive(Clone, Copy, Debug)]
pub struct GenList {
    pub head: u32,
    pub tail: u32,
    pub len: u32,
}

impl GenList {
    pub const EMPTY: GenList = GenList { head: NIL, tail: NIL, len: 0 };
}

pub struct Heap {
    pub slots: Vec<Slot>,
    free_head: u32,
    next_serial: u32,
    pub live: usize,
    /// Generation lists 0, 1, 2, the permanent generation (gc.freeze), and the
    /// collector's working lists (unreachable, finalizers).
    pub gens: [GenList; 8],
}

impl Default for Heap {
    fn default() -> Self {
        Self::new()
    }
}

impl Heap {
    pub fn new() -> Heap {
        Heap { slots: Vec::with_capacity(1024), free_head: NIL, next_serial: 1, live: 0, gens: [GenList::EMPTY; 8] }
    }

    /// Allocate a slot holding `obj` with refcount 1 (untracked).
    pub fn alloc(&mut self, obj: Obj) -> ObjRef {
        let serial = self.next_serial;
        self.next_serial += 1;
        self.live += 1;
        let slot = Slot { rc: 1, serial, gc_prev: NIL, gc_next: NIL, flags: 0, generation: 0, gc_refs: 0, obj };
        if self.free_head != NIL {
            let i = self.free_head;
            let s = &mut self.slots[i as usize];
            self.free_head = match s.obj {
                Obj::Free { next } => next,
                _ => NIL,
            };
            *s = slot;
            ObjRef(i)
        } else {
            self.slots.push(slot);
            ObjRef(self.slots.len() as u32 - 1)
        }
    }

    /// Return a slot to the free list; the object must already be emptied.
    pub fn release(&mut self, r: ObjRef) {
        let s = &mut self.slots[r.idx()];
        s.obj = Obj::Free { next: self.free_head };
        s.flags = 0;
        s.rc = 0;
        self.free_head = r.0;
        self.live -= 1;
    }

    #[inline]
    pub fn get(&self, r: ObjRef) -> &Obj {
        &self.slots[r.idx()].obj
    }
    #[inline]
    pub fn get_mut(&mut self, r: ObjRef) -> &mut Obj {
        &mut self.slots[r.idx()].obj
    }
    #[inline]
    pub fn slot(&self, r: ObjRef) -> &Slot {
        &self.slots[r.idx()]
    }
    #[inline]
    pub fn slot_mut(&mut self, r: ObjRef) -> &mut Slot {
        &mut self.slots[r.idx()]
    }
    pub fn is_live(&self, r: ObjRef) -> bool {
        !r.is_null() && r.idx() < self.slots.len() && !matches!(self.slots[r.idx()].obj, Obj::Free { .. })
    }
    pub fn tag(&self, r: ObjRef) -> TypeTag {
        self.get(r).tag()
    }
    pub fn serial(&self, r: ObjRef) -> u32 {
        self.slots[r.idx()].serial
    }
    pub fn refcount(&self, r: ObjRef) -> u32 {
        let s = self.slot(r);
        if s.is(flags::IMMORTAL) {
            IMMORTAL_REFCNT
        } else {
            s.rc
        }
    }

    /// Link `r` at the tail of generation list `g` (CPython appends to the young list).
    pub fn gen_append(&mut self, g: usize, r: ObjRef) {
        list_append(&mut self.slots, &mut self.gens, g, r.0);
    }

    /// Unlink `r` from whichever generation list holds it.
    pub fn gen_unlink(&mut self, r: ObjRef) {
        list_unlink(&mut self.slots, &mut self.gens, r.0);
    }

    /// The members of generation `g`, in list order.
    pub fn gen_members(&self, g: usize) -> Vec<ObjRef> {
        let mut out = Vec::with_capacity(self.gens[g].len as usize);
        let mut cur = self.gens[g].head;
        while cur != NIL {
            out.push(ObjRef(cur));
            cur = self.slots[cur as usize].gc_next;
        }
        out
    }

    /// Move all of generation `from` to the tail of generation `to` (gc_list_merge).
    pub fn gen_merge(&mut self, from: usize, to: usize) {
        if from == to || self.gens[from].len == 0 {
            return;
        }
        let slots = self.slots.as_mut_slice();
        let mut cur = self.gens[from].head;
        while cur != NIL {
            let s = &mut slots[cur as usize];
            s.generation = to as u8;
            cur = s.gc_next;
        }
        let f = self.gens[from];
        let t = self.gens[to];
        if t.tail == NIL {
            self.gens[to] = f;
        } else {
            self.slots[t.tail as usize].gc_next = f.head;
            self.slots[f.head as usize].gc_prev = t.tail;
            self.gens[to].tail = f.tail;
            self.gens[to].len += f.len;
        }
        self.gens[from] = GenList::EMPTY;
    }
}

// The list operations on the slots as a slice: the collector's loops call
// them (indexing a slice is no call, even when optimising for size).

/// Link slot `r` at the tail of list `g`.
#[inline]
pub fn list_append(slots: &mut [Slot], gens: &mut [GenList; 8], g: usize, r: u32) {
    let tail = gens[g].tail;
    let s = &mut slots[r as usize];
    s.gc_prev = tail;
    s.gc_next = NIL;
    s.generation = g as u8;
    if tail == NIL {
        gens[g].head = r;
    } else {
        slots[tail as usize].gc_next = r;
    }
    gens[g].tail = r;
    gens[g].len += 1;
}

/// Unlink slot `r` from the list that holds it.
#[inline]
pub fn list_unlink(slots: &mut [Slot], gens: &mut [GenList; 8], r: u32) {
    let s = &mut slots[r as usize];
    let (prev, next, g) = (s.gc_prev, s.gc_next, s.generation as usize);
    s.gc_prev = NIL;
    s.gc_next = NIL;
    if prev == NIL {
        gens[g].head = next;
    } else {
        slots[prev as usize].gc_next = next;
    }
    if next == NIL {
        gens[g].tail = prev;
    } else {
        slots[next as usize].gc_prev = prev;
    }
    gens[g].len -= 1;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn freed_slots_are_reused_but_serials_are_not() {
        let mut h = Heap::new();
        let a = h.alloc(Obj::List(Vec::new()));
        let sa = h.serial(a);
        h.release(a);
        let b = h.alloc(Obj::List(Vec::new()));
        assert_eq!(a, b, "the address is reused, as CPython reuses memory");
        assert_ne!(sa, h.serial(b), "the trace identity is not");
        assert_eq!(h.live, 1);
    }

    #[test]
    fn generation_lists_keep_order_through_unlink_and_merge() {
        let mut h = Heap::new();
        let objs: Vec<ObjRef> = (0..4).map(|_| h.alloc(Obj::List(Vec::new()))).collect();
        for &o in &objs[..3] {
            h.gen_append(0, o);
        }
        h.gen_append(1, objs[3]);
        h.gen_unlink(objs[1]);
        assert_eq!(h.gen_members(0), vec![objs[0], objs[2]]);
        h.gen_merge(0, 1);
        assert_eq!(h.gen_members(1), vec![objs[3], objs[0], objs[2]]);
        assert_eq!(h.gens[0].len, 0);
        assert_eq!(h.gens[1].len, 3);
        assert!(h.gen_members(1).iter().all(|&o| h.slot(o).generation == 1));
    }

    #[test]
    fn immortal_objects_report_cpythons_constant() {
        let mut h = Heap::new();
        let n = h.alloc(Obj::None);
        h.slot_mut(n).flags |= flags::IMMORTAL;
        assert_eq!(h.refcount(n), 4294967295);
    }
}
