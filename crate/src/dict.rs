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
