//! Insertion-ordered dict keyed by Python value equality.
//!
//! Lookups go through a `Key`, a value-level image of the key object computed
//! once on insert, so a lookup never needs the heap: `1`, `1.0` and `True`
//! are the same key, as in Python.

use crate::heap::ObjRef;
use hashbrown::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};

/// A fast hasher for dict keys (names, small ints): a multiply-rotate over
/// 8-byte words. Deterministic; the dict's order never depends on it.
#[derive(Default, Clone, Copy)]
pub struct KeyHasher(u64);

impl KeyHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0xf135_7aea_2e62_a9c5);
    }
}

impl Hasher for KeyHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let n = bytes.len();
        let word = |i: usize| u64::from_le_bytes(bytes[i..i + 8].try_into().expect("8 bytes"));
        if n <= 8 {
            // short names: one word read without a loop (both ends overlap)
            let w = if n >= 4 {
                let a = u32::from_le_bytes(bytes[..4].try_into().expect("4 bytes")) as u64;
                let b = u32::from_le_bytes(bytes[n - 4..].try_into().expect("4 bytes")) as u64;
                a | (b << 32)
            } else if n > 0 {
                bytes[0] as u64 | (bytes[n / 2] as u64) << 8 | (bytes[n - 1] as u64) << 16
            } else {
                0
            };
            self.add(w ^ ((n as u64) << 56));
        } else {
            let mut i = 0;
            while i + 8 <= n {
                self.add(word(i));
                i += 8;
            }
            if i < n {
                self.add(word(n - 8));
            }
            self.add(n as u64);
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64)
    }
    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(i as u64)
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i)
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64)
    }
    #[inline]
    fn write_isize(&mut self, i: isize) {
        self.add(i as u64)
    }
    #[inline]
    fn finish(&self) -> u64 {
        // the table takes its position from the low bits: bring the well-mixed high ones down
        self.0.rotate_left(26)
    }
}

type KeyBuild = BuildHasherDefault<KeyHasher>;

/// Entries (live or removed) up to which a dict has no hash index: lookups
/// compare keys in order, and a small dict allocates nothing more.
const SMALL: usize = 4;

#[derive(Clone, Eq, Debug)]
pub enum Key {
    None,
    Int(i64),
    Big(Rc<str>),
    /// A float that is not integral, by its bits.
    Float(u64),
    Str(Rc<str>),
    Tuple(Rc<[Key]>),
    /// A slice (hashable since 3.12): its start, stop and step.
    Slice(Rc<[Key]>),
    /// Objects compared by identity (their slot).
    Ident(u32),
    /// An instance whose class defines `__hash__`: the hash its method gave
    /// and the slot. Equal images mean the same object; equality with any
    /// other key of the same hash is the program's `__eq__`, which the VM
    /// calls (`Vm::resolve_key`) before it looks the image up.
    User(i64, u32),
    /// A frozenset: its hash (CPython's frozenset_hash) and its members' images.
    Frozen(i64, Rc<[Key]>),
}

impl Key {
    /// Whether equality with this key may run the program's `__eq__`.
    pub fn needs_eq(&self) -> bool {
        match self {
            Key::User(..) => true,
            Key::Tuple(t) | Key::Slice(t) | Key::Frozen(_, t) => t.iter().any(Key::needs_eq),
            _ => false,
        }
    }
}

impl Hash for Key {
    fn hash<H: Hasher>(&self, h: &mut H) {
        std::mem::discriminant(self).hash(h);
        match self {
            Key::None => {}
            Key::Int(i) => i.hash(h),
            Key::Big(s) | Key::Str(s) => s.hash(h),
            Key::Float(f) => f.hash(h),
            Key::Tuple(t) | Key::Slice(t) => t.hash(h),
            Key::Ident(i) | Key::User(_, i) => i.hash(h),
            Key::Frozen(x, _) => x.hash(h),
        }
    }
}

impl PartialEq for Key {
    #[inline]
    fn eq(&self, other: &Key) -> bool {
        match self {
            // `Rc<str>`'s own == compares the text even for the same string;
            // a name is nearly always the same Rc as the key it finds
            Key::Str(a) => matches!(other, Key::Str(b) if Rc::ptr_eq(a, b) || **a == **b),
            Key::None => matches!(other, Key::None),
            Key::Int(a) => matches!(other, Key::Int(b) if a == b),
            Key::Big(a) => matches!(other, Key::Big(b) if a == b),
            Key::Float(a) => matches!(other, Key::Float(b) if a == b),
            Key::Tuple(a) => matches!(other, Key::Tuple(b) if a == b),
            Key::Slice(a) => matches!(other, Key::Slice(b) if a == b),
            Key::Ident(a) => matches!(other, Key::Ident(b) if a == b),
            Key::User(_, a) => matches!(other, Key::User(_, b) if a == b),
            // members in any order: the same count, each found in the other
            Key::Frozen(h, a) => {
                matches!(other, Key::Frozen(g, b) if h == g && a.len() == b.len() && a.iter().all(|k| b.contains(k)))
            }
        }
    }
}

#[derive(Clone)]
pub struct Entry {
    pub key: ObjRef,
    pub value: ObjRef,
    pub k: Key,
}

/// A removed key's place in `Dict::by_hash`.
const GONE: u32 = u32::MAX;

/// Layout versions, from one counter for all dicts: no two layouts share one.
static LAYOUTS: AtomicU64 = AtomicU64::new(1);

#[derive(Default)]
pub struct Dict {
    entries: Vec<Option<Entry>>,
    /// Position of each key in `entries`, once there are more than `SMALL`.
    index: HashMap<Key, u32, KeyBuild>,
    indexed: bool,
    live: usize,
    /// The layout version (see `Dict::layout`).
    layout: u64,
    /// CPython 3.13's materialised instance `__dict__`: the instance (not
    /// counted) owns the values; this dict only shows them.
    pub embedded: ObjRef,
    /// Some key may be equal to another by the program's `__eq__` (a key
    /// that `Key::needs_eq`); set on insert, cleared when emptied.
    pub user: bool,
    /// Entry positions by hash in probe order, built by the first
    /// `same_hash` or `__eq__`-keyed insert and kept from then on, so lookups
    /// that may run `__eq__` stay cheap. A removed key leaves `GONE`, which
    /// the next key of its hash takes, as an insert takes the first dummy
    /// index slot of its probes (keys of other hashes aside).
    by_hash: Option<Box<HashMap<i64, Vec<u32>, KeyBuild>>>,
    /// CPython's keys table: its log2 size (0 before the first key, as
    /// Py_EMPTY_KEYS), the insertions it has room for, whether it holds a key
    /// that is not a str (DICT_KEYS_GENERAL), and an identity that changes
    /// when the table is replaced (a resize, clear), which a lookup running
    /// the program's `__eq__` checks.
    log2: u8,
    usable: u32,
    general: bool,
    keys: u64,
}

impl Dict {
    pub fn new() -> Dict {
        Dict::default()
    }
    pub fn len(&self) -> usize {
        self.live
    }
    pub fn is_empty(&self) -> bool {
        self.live == 0
    }
    /// The position of a key in `entries`.
    #[inline]
    fn find(&self, k: &Key) -> Option<usize> {
        if self.indexed {
            return self.index.get(k).map(|&i| i as usize);
        }
        if let Key::Str(name) = k {
            // names mostly come from the same code object's string: the pointer first
            let same = |e: &Option<Entry>| matches!(e, Some(Entry { k: Key::Str(s), .. }) if Rc::ptr_eq(s, name));
            if let Some(i) = self.entries.iter().position(same) {
                return Some(i);
            }
        }
        self.entries.iter().position(|e| matches!(e, Some(e) if e.k == *k))
    }
    /// A version of the key layout, changed by every insert and removal of a
    /// key (not by replacing a value) and unique across dicts, so a name
    /// lookup may remember where it found a key (or that it is absent) while
    /// the version holds, as CPython's LOAD_GLOBAL caches by dict keys version.
    #[inline]
    pub fn layout(&self) -> u64 {
        self.layout
    }
    fn new_layout(&mut self) {
        self.layout = LAYOUTS.fetch_add(1, Ordering::Relaxed);
    }
    /// The keys table's identity and the layout version.
    pub fn versions(&self) -> (u64, u64) {
        (self.keys, self.layout)
    }
    /// Where a key is, for `value_at` while the layout holds.
    #[inline]
    pub fn position(&self, k: &Key) -> Option<usize> {
        self.find(k)
    }
    /// The value at a position `position` gave under the current layout.
    #[inline]
    pub fn value_at(&self, i: usize) -> ObjRef {
        self.entries[i].as_ref().map_or(ObjRef::NULL, |e| e.value)
    }
    /// Replace the value at a position `position` gave under the current
    /// layout; the old value comes back (the caller owns its reference).
    #[inline]
    pub fn replace_at(&mut self, i: usize, value: ObjRef) -> ObjRef {
        let e = self.entries[i].as_mut().expect("a live entry");
        std::mem::replace(&mut e.value, value)
    }
    pub fn get(&self, k: &Key) -> Option<ObjRef> {
        self.find(k).map(|i| self.entries[i].as_ref().map(|e| e.value).unwrap_or(ObjRef::NULL))
    }
    pub fn get_entry(&self, k: &Key) -> Option<&Entry> {
        self.find(k).and_then(|i| self.entries[i].as_ref())
    }
    /// Insert or replace. Returns the old value when replaced (the caller owns
    /// its reference and the new key's reference back, as CPython keeps the old key).
    pub fn set(&mut self, k: Key, key: ObjRef, value: ObjRef) -> Option<ObjRef> {
        if let Some(i) = self.find(&k) {
            let e = self.entries[i].as_mut().expect("indexed entry");
            let old = e.value;
            e.value = value;
            return Some(old);
        }
        let general = !matches!(k, Key::Str(_));
        if self.log2 == 0 {
            (self.log2, self.usable, self.keys) = (3, 5, LAYOUTS.fetch_add(1, Ordering::Relaxed));
        } else if self.usable == 0 || general && !self.general {
            // insertion_resize: a table for three times the keys, without the removed entries
            let n = (((self.live * 3) | 8) - 1) | 7;
            self.log2 = n.ilog2() as u8 + 1;
            self.usable = ((2 << self.log2) / 3 - self.live) as u32;
            self.keys = LAYOUTS.fetch_add(1, Ordering::Relaxed);
            self.compact();
        }
        self.general |= general;
        self.usable -= 1;
        if self.indexed {
            self.index.insert(k.clone(), self.entries.len() as u32);
        }
        self.user |= k.needs_eq();
        if self.user {
            self.index_hashes();
        }
        self.new_layout();
        if let Some(m) = &mut self.by_hash {
            let (v, at) = (m.entry(crate::hash::hash(&k)).or_default(), self.entries.len() as u32);
            match v.iter_mut().find(|x| **x == GONE) {
                Some(x) => *x = at,
                None => v.push(at),
            }
        }
        self.entries.push(Some(Entry { key, value, k }));
        self.live += 1;
        if !self.indexed && self.entries.len() > SMALL {
            self.reindex();
        }
        None
    }
    /// Remove a key; returns the entry (the caller owns both references).
    pub fn remove(&mut self, k: &Key) -> Option<Entry> {
        let i = if self.indexed { self.index.remove(k)? as usize } else { self.find(k)? };
        let e = self.entries[i].take();
        if let (Some(m), Some(e)) = (&mut self.by_hash, &e) {
            if let Some(v) = m.get_mut(&crate::hash::hash(&e.k)) {
                if let Some(x) = v.iter_mut().find(|x| **x as usize == i) {
                    *x = GONE;
                }
            }
        }
        self.live -= 1;
        self.new_layout();
        e
    }
    fn compact(&mut self) {
        self.entries.retain(|e| e.is_some());
        if self.by_hash.is_some() {
            self.by_hash = None;
            self.index_hashes();
        }
        if self.indexed {
            self.reindex();
        }
    }
    /// Build the index from the entries.
    fn reindex(&mut self) {
        self.indexed = true;
        self.index.clear();
        for (i, e) in self.entries.iter().enumerate() {
            if let Some(e) = e {
                self.index.insert(e.k.clone(), i as u32);
            }
        }
    }
    /// The keys whose hash is `hash` with their positions, in the order
    /// CPython's probes meet them (insertion order, as long as no removed
    /// key's index slot is taken again).
    pub fn same_hash(&mut self, hash: i64) -> Vec<(u32, ObjRef, Key)> {
        self.index_hashes();
        let Some(positions) = self.by_hash.as_ref().and_then(|m| m.get(&hash)) else { return Vec::new() };
        positions
            .iter()
            .filter_map(|&i| self.entries.get(i as usize)?.as_ref().map(|e| (i, e.key, e.k.clone())))
            .collect()
    }
    fn index_hashes(&mut self) {
        if self.by_hash.is_some() {
            return;
        }
        let mut m: HashMap<i64, Vec<u32>, KeyBuild> = HashMap::default();
        for (i, e) in self.entries.iter().enumerate() {
            if let Some(e) = e {
                m.entry(crate::hash::hash(&e.k)).or_default().push(i as u32);
            }
        }
        self.by_hash = Some(Box::new(m));
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
    /// The live entries of a dict being freed, in order, without a copy.
    pub fn into_entries(self) -> impl Iterator<Item = Entry> {
        self.entries.into_iter().flatten()
    }
    /// Take every entry out, leaving the dict empty (dict.clear, tp_clear).
    pub fn drain(&mut self) -> Vec<Entry> {
        self.index.clear();
        self.indexed = false;
        self.live = 0;
        self.user = false;
        self.by_hash = None;
        (self.log2, self.usable, self.general) = (0, 0, false);
        self.keys = LAYOUTS.fetch_add(1, Ordering::Relaxed);
        self.new_layout();
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
    /// Some member may be equal to another by the program's `__eq__`.
    pub user: bool,
    /// Counts of the table's replacements and of its members' changes, which
    /// a lookup running the program's `__eq__` checks.
    pub versions: (u64, u64),
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
        SetTable {
            table: vec![Slot::Unused; SET_MINSIZE],
            fill: 0,
            used: 0,
            frozen: false,
            user: false,
            versions: (0, 0),
        }
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

    /// The members whose hash is `hash`, in the order of CPython's probes.
    pub fn same_hash(&self, hash: i64) -> Vec<(u32, ObjRef, Key)> {
        let mut out = Vec::new();
        let mask = self.mask();
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        loop {
            let probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
            for j in 0..=probes {
                match &self.table[i + j] {
                    Slot::Unused => return out,
                    Slot::Active { hash: h, entry } if *h == hash => {
                        out.push(((i + j) as u32, entry.key, entry.k.clone()))
                    }
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
        self.user |= k.needs_eq();
        self.versions.1 += 1;
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
        self.versions.0 += 1;
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

    /// One resize before `n` members are added (set_update_internal with a dict).
    pub fn reserve_for(&mut self, n: usize) {
        if (self.fill + n) * 5 >= self.mask() * 3 {
            self.resize((self.used + n) * 2);
        }
    }

    /// After removals (set_difference_update): a table with more than a
    /// quarter dummies is rebuilt.
    pub fn shrink_dummies(&mut self) {
        if self.fill - self.used > self.mask() / 4 {
            self.resize(if self.used > 50000 { self.used * 2 } else { self.used * 4 });
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
            self.versions.1 += 1;
            self.fill = other.fill;
            self.used = other.used;
            self.user |= other.user;
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
                self.versions.1 += 1;
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
        self.versions.0 += 1;
        self.fill = 0;
        self.used = 0;
        self.user = false;
        old.into_iter()
            .filter_map(|s| match s {
                Slot::Active { entry, .. } => Some(entry),
                _ => None,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_hash_finds_keys_of_a_hash_in_probe_order_through_removals_and_resizes() {
        let mut d = Dict::new();
        for i in 0..30u32 {
            d.set(Key::User((i % 3) as i64, i), ObjRef(i), ObjRef(i));
        }
        let firsts: Vec<u32> = d.same_hash(1).iter().map(|(_, k, _)| k.0).take(3).collect();
        assert_eq!(firsts, [1, 4, 7]);
        for i in (0..30u32).filter(|i| i % 2 == 0) {
            assert!(d.remove(&Key::User((i % 3) as i64, i)).is_some());
        }
        d.set(Key::User(1, 100), ObjRef(100), ObjRef(100));
        let ones: Vec<u32> = d.same_hash(1).iter().map(|(_, k, _)| k.0).collect();
        // the new key takes the first removed key's place (4's)
        assert_eq!(ones, [1, 100, 7, 13, 19, 25]);
        assert_eq!(d.same_hash(5).len(), 0);
    }

    fn name(s: &str) -> Key {
        Key::Str(s.into())
    }

    #[test]
    fn lookups_agree_before_and_after_the_index_is_built_and_through_compaction() {
        let mut d = Dict::new();
        let mut want: Vec<(String, u32)> = Vec::new();
        for i in 0..40u32 {
            let k = format!("k{}", i % 13);
            if i % 5 == 4 {
                let gone = d.remove(&name(&k)).map(|e| e.value.0);
                let had = want.iter().position(|(n, _)| *n == k).map(|p| want.remove(p).1);
                assert_eq!(gone, had, "remove {k} at {i}");
            } else {
                let old = d.set(name(&k), ObjRef(i), ObjRef(i));
                match want.iter_mut().find(|(n, _)| *n == k) {
                    Some(e) => {
                        assert_eq!(old, Some(ObjRef(e.1)));
                        e.1 = i;
                    }
                    None => {
                        assert_eq!(old, None);
                        want.push((k.clone(), i));
                    }
                }
            }
            assert_eq!(d.len(), want.len());
            for (n, v) in &want {
                assert_eq!(d.get(&name(n)), Some(ObjRef(*v)), "{n} after step {i}");
            }
            assert_eq!(d.get(&Key::Int(7)), None);
            // insertion order (a replaced value keeps its place)
            let order: Vec<u32> = d.iter().map(|(_, v)| v.0).collect();
            assert_eq!(order, want.iter().map(|e| e.1).collect::<Vec<_>>());
        }
    }
}
