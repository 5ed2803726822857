//! Insertion-ordered dict keyed by Python value equality.
//!
//! Lookups go through a `Key`, a value-level image of the key object computed
//! once on insert, so a lookup never needs the heap: `1`, `1.0` and `True`
//! are the same key, as in Python.

use crate::heap::ObjRef;
use hashbrown::HashMap;
use std::rc::Rc;

#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum Key {
    None,
    Int(i64),
    Big(Rc<str>),
    /// A float that is not integral, by its bits.
    Float(u64),
    Str(Rc<str>),
    Tuple(Rc<[Key]>),
    /// Objects compared by identity (their slot).
    Ident(u32),
}

#[derive(Clone)]
pub struct Entry {
    pub key: ObjRef,
    pub value: ObjRef,
    pub k: Key,
}

#[derive(Default)]
pub struct Dict {
    entries: Vec<Option<Entry>>,
    index: HashMap<Key, u32>,
    /// CPython 3.13's materialised instance `__dict__`: the instance (not
    /// counted) owns the values; this dict only shows them.
    pub embedded: ObjRef,
}

impl Dict {
    pub fn new() -> Dict {
        Dict::default()
    }
    pub fn len(&self) -> usize {
        self.index.len()
    }
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }
    pub fn get(&self, k: &Key) -> Option<ObjRef> {
        self.index.get(k).map(|&i| self.entries[i as usize].as_ref().map(|e| e.value).unwrap_or(ObjRef::NULL))
    }
    pub fn get_entry(&self, k: &Key) -> Option<&Entry> {
        self.index.get(k).and_then(|&i| self.entries[i as usize].as_ref())
    }
    /// Insert or replace. Returns the old value when replaced (the caller owns
    /// its reference and the new key's reference back, as CPython keeps the old key).
    pub fn set(&mut self, k: Key, key: ObjRef, value: ObjRef) -> Option<ObjRef> {
        if let Some(&i) = self.index.get(&k) {
            let e = self.entries[i as usize].as_mut().expect("indexed entry");
            let old = e.value;
            e.value = value;
            return Some(old);
        }
        self.index.insert(k.clone(), self.entries.len() as u32);
        self.entries.push(Some(Entry { key, value, k }));
        None
    }
    /// Remove a key; returns the entry (the caller owns both references).
    pub fn remove(&mut self, k: &Key) -> Option<Entry> {
        let i = self.index.remove(k)?;
        let e = self.entries[i as usize].take();
        if self.entries.len() > 8 && self.index.len() * 2 < self.entries.len() {
            self.compact();
        }
        e
    }
    fn compact(&mut self) {
        self.entries.retain(|e| e.is_some());
        self.index.clear();
        for (i, e) in self.entries.iter().enumerate() {
            if let Some(e) = e {
                self.index.insert(e.k.clone(), i as u32);
            }
        }
    }
    /// (key, value) pairs in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = (ObjRef, ObjRef)> + '_ {
        self.entries.iter().flatten().map(|e| (e.key, e.value))
    }
    pub fn entries(&self) -> impl Iterator<Item = &Entry> + '_ {
        self.entries.iter().flatten()
    }
    /// The n-th live entry, for iterators that walk a dict by position.
    pub fn nth_slot(&self, pos: usize) -> Option<(usize, &Entry)> {
        self.entries.iter().enumerate().skip(pos).find_map(|(i, e)| e.as_ref().map(|e| (i, e)))
    }
    /// Take every entry out, leaving the dict empty (dict.clear, tp_clear, dealloc).
    pub fn drain(&mut self) -> Vec<Entry> {
        self.index.clear();
        std::mem::take(&mut self.entries).into_iter().flatten().collect()
    }
}

/// A set laid out as CPython's: an open-addressing table with linear probes
/// and perturbation, so iteration (and so repr) follows CPython's order.
pub struct SetTable {
    table: Vec<Slot>,
    fill: usize,
    used: usize,
    /// A frozenset.
    pub frozen: bool,
}

#[derive(Clone)]
enum Slot {
    Unused,
    Dummy,
    Active { hash: i64, entry: Entry },
}

const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;
const SET_MINSIZE: usize = 8;

impl Default for SetTable {
    fn default() -> Self {
        SetTable::new()
    }
}

impl SetTable {
    pub fn new() -> SetTable {
        SetTable { table: vec![Slot::Unused; SET_MINSIZE], fill: 0, used: 0, frozen: false }
    }
    pub fn len(&self) -> usize {
        self.used
    }
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }
    fn mask(&self) -> usize {
        self.table.len() - 1
    }

    /// The slot holding `k`, following CPython's probe sequence.
    fn find(&self, k: &Key, hash: i64) -> Option<usize> {
        let mask = self.mask();
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        loop {
            let probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
            for j in 0..=probes {
                match &self.table[i + j] {
                    Slot::Unused => return None,
                    Slot::Active { hash: h, entry } if *h == hash && entry.k == *k => return Some(i + j),
                    _ => {}
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
        }
    }

    pub fn get_entry(&self, k: &Key) -> Option<&Entry> {
        let h = crate::hash::hash(k);
        self.find(k, h).and_then(|i| match &self.table[i] {
            Slot::Active { entry, .. } => Some(entry),
            _ => None,
        })
    }

    /// Add a member (set_add_entry); returns Some(()) when it was already there.
    pub fn set(&mut self, k: Key, key: ObjRef, _value: ObjRef) -> Option<ObjRef> {
        let hash = crate::hash::hash(&k);
        let mask = self.mask();
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        let mut freeslot = None;
        let target = loop {
            let probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
            let mut found = None;
            for j in 0..=probes {
                match &self.table[i + j] {
                    Slot::Unused => {
                        found = Some(Err(i + j));
                        break;
                    }
                    Slot::Active { hash: h, entry } if *h == hash && entry.k == k => {
                        found = Some(Ok(()));
                        break;
                    }
                    Slot::Dummy if freeslot.is_none() => freeslot = Some(i + j),
                    _ => {}
                }
            }
            match found {
                Some(Ok(())) => return Some(key),
                Some(Err(unused)) => break unused,
                None => {}
            }
            perturb >>= PERTURB_SHIFT;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
        };
        let entry = Entry { key, value: ObjRef::NULL, k };
        match freeslot {
            Some(f) => {
                self.table[f] = Slot::Active { hash, entry };
                self.used += 1;
            }
            None => {
                self.table[target] = Slot::Active { hash, entry };
                self.fill += 1;
                self.used += 1;
                if self.fill * 5 >= mask * 3 {
                    let minused = if self.used > 50000 { self.used * 2 } else { self.used * 4 };
                    self.resize(minused);
                }
            }
        }
        None
    }

    fn resize(&mut self, minused: usize) {
        let mut size = SET_MINSIZE;
        while size <= minused {
            size <<= 1;
        }
        let old = std::mem::replace(&mut self.table, vec![Slot::Unused; size]);
        self.fill = self.used;
        let mask = size - 1;
        for s in old {
            if let Slot::Active { hash, entry } = s {
                // set_insert_clean
                let mut perturb = hash as u64;
                let mut i = (hash as u64 as usize) & mask;
                let slot = 'outer: loop {
                    if matches!(self.table[i], Slot::Unused) {
                        break i;
                    }
                    if i + LINEAR_PROBES <= mask {
                        for j in 1..=LINEAR_PROBES {
                            if matches!(self.table[i + j], Slot::Unused) {
                                break 'outer i + j;
                            }
                        }
                    }
                    perturb >>= PERTURB_SHIFT;
                    i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
                };
                self.table[slot] = Slot::Active { hash, entry };
            }
        }
    }

    /// set_merge into this set: one resize up front, then the other's members
    /// in its table order (its layout copied when the sizes match).
    pub fn merge_from(&mut self, other: &SetTable) -> Vec<ObjRef> {
        let mut added = Vec::new();
        if other.used == 0 {
            return added;
        }
        if (self.fill + other.used) * 5 >= self.mask() * 3 {
            self.resize((self.used + other.used) * 2);
        }
        if self.fill == 0 && self.table.len() == other.table.len() && other.fill == other.used {
            self.table = other.table.clone();
            self.fill = other.fill;
            self.used = other.used;
            added.extend(other.entries().map(|e| e.key));
            return added;
        }
        for e in other.entries() {
            if self.set(e.k.clone(), e.key, ObjRef::NULL).is_none() {
                added.push(e.key);
            }
        }
        added
    }

    pub fn remove(&mut self, k: &Key) -> Option<Entry> {
        let h = crate::hash::hash(k);
        let i = self.find(k, h)?;
        match std::mem::replace(&mut self.table[i], Slot::Dummy) {
            Slot::Active { entry, .. } => {
                self.used -= 1;
                Some(entry)
            }
            other => {
                self.table[i] = other;
                None
            }
        }
    }

    /// Members in table order, as (key, NULL) pairs like a dict's items.
    pub fn iter(&self) -> impl Iterator<Item = (ObjRef, ObjRef)> + '_ {
        self.entries().map(|e| (e.key, e.value))
    }
    pub fn entries(&self) -> impl Iterator<Item = &Entry> + '_ {
        self.table.iter().filter_map(|s| match s {
            Slot::Active { entry, .. } => Some(entry),
            _ => None,
        })
    }
    pub fn nth_slot(&self, pos: usize) -> Option<(usize, &Entry)> {
        self.table.iter().enumerate().skip(pos).find_map(|(i, s)| match s {
            Slot::Active { entry, .. } => Some((i, entry)),
            _ => None,
        })
    }
    pub fn drain(&mut self) -> Vec<Entry> {
        let old = std::mem::replace(&mut self.table, vec![Slot::Unused; SET_MINSIZE]);
        self.fill = 0;
        self.used = 0;
        old.into_iter()
            .filter_map(|s| match s {
                Slot::Active { entry, .. } => Some(entry),
                _ => None,
            })
            .collect()
    }
}
