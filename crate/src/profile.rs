//! What differs between the CPython versions gcplay models.

use crate::gc::FreeLists;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Python {
    #[serde(rename = "3.13")]
    #[default]
    P313,
    #[serde(rename = "3.12")]
    P312,
}

impl Python {
    pub fn parse(s: &str) -> Option<Python> {
        match s {
            "3.13" => Some(Python::P313),
            "3.12" => Some(Python::P312),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Python::P313 => "3.13",
            Python::P312 => "3.12",
        }
    }
}

/// The facts of one CPython version, measured on the real interpreter
/// (`tests/corpus` records them).
#[derive(Clone, Debug)]
pub struct Profile {
    pub python: Python,
    /// gc thresholds at start-up.
    pub threshold: [u32; 3],
    /// gc.get_count() when the first statement of a `-S` run executes.
    pub startup_count: [u32; 3],
    /// 3.12 makes interned (identifier-like) string constants immortal; 3.13 does not.
    pub interned_constants_immortal: bool,
    pub recursion_limit: u32,
    /// Container allocations that the first "Exception ignored in" report leaves behind
    /// (counted by gc.get_count(), invisible to gc.get_objects(): measured, see
    /// tests/corpus/NOTES.md).
    pub first_unraisable_allocs: u32,
    /// What the list, dict and tuple free lists hold when the first statement runs
    /// (start-up and compilation free objects into them; `sys._debugmallocstats()`).
    pub startup_free_lists: FreeLists,
    /// gc.get_stats() when the first statement runs: per generation,
    /// collections, collected, uncollectable (start-up's own collections).
    pub startup_stats: [[u64; 3]; 3],
}

impl Profile {
    pub fn new(python: Python) -> Profile {
        match python {
            Python::P313 => Profile {
                python,
                threshold: [2000, 10, 10],
                startup_count: [522, 2, 0],
                interned_constants_immortal: false,
                recursion_limit: 1000,
                first_unraisable_allocs: 6,
                startup_free_lists: FreeLists {
                    dicts: 9,
                    lists: 6,
                    tuples: [0, 6, 8, 2, 5, 1, 3, 2, 5, 1, 0, 3, 4, 3, 1, 2, 2, 1, 2, 2, 0],
                },
                startup_stats: [[2, 24, 0], [0; 3], [0; 3]],
            },
            Python::P312 => Profile {
                python,
                threshold: [700, 10, 10],
                startup_count: [514, 3, 0],
                interned_constants_immortal: true,
                recursion_limit: 1000,
                first_unraisable_allocs: 8,
                startup_free_lists: FreeLists {
                    dicts: 9,
                    lists: 6,
                    tuples: [0, 3, 8, 2, 2, 1, 3, 0, 0, 0, 0, 1, 0, 1, 1, 0, 0, 1, 0, 0, 0],
                },
                startup_stats: [[3, 24, 0], [0; 3], [0; 3]],
            },
        }
    }

    /// References a real interpreter holds to a built-in module at start-up
    /// (`sys.modules`, other modules' globals, ...); the program's own add to it.
    pub fn module_base_refcount(&self, name: &str) -> u32 {
        match (self.python, name) {
            (Python::P313, "sys") => 58,
            (Python::P312, "sys") => 53,
            _ => 3,
        }
    }
}
