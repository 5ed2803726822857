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
    /// gc.get_count() when the parser starts on the program in a `-S` run;
    /// compiling it adds to it (`crate::startup`).
    pub startup_count: [u32; 3],
    /// 3.12 makes interned (identifier-like) string constants immortal; 3.13 does not.
    pub interned_constants_immortal: bool,
    pub recursion_limit: u32,
    /// Container allocations that the first "Exception ignored in" report leaves behind
    /// (counted by gc.get_count(), invisible to gc.get_objects(): measured, see
    /// tests/corpus/NOTES.md).
    pub first_unraisable_allocs: u32,
    /// What the list, dict and tuple free lists hold when the parser starts
    /// (measured under a debugger: tests/corpus/startup/README.md).
    pub startup_free_lists: FreeLists,
    /// The first `import gc`, as recorded events (`crate::startup::recorded`;
    /// the first is the module's function object, made before the program runs),
    /// the event indices where a scheduled collection may run, and those during
    /// which an exception is set, so no collection is scheduled.
    pub import_gc: &'static str,
    pub import_gc_checks: &'static [u8],
    pub import_gc_blocked: &'static [u8],
    /// The parser's import of `unicodedata` for the first non-ASCII identifier
    /// or `\N{...}` escape, as recorded events.
    pub unicodedata_import: &'static str,
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
                startup_count: [490, 2, 0],
                interned_constants_immortal: false,
                recursion_limit: 1000,
                first_unraisable_allocs: 6,
                startup_free_lists: FreeLists {
                    dicts: 2,
                    lists: 6,
                    tuples: [0, 6, 4, 2, 5, 1, 3, 2, 5, 1, 0, 3, 4, 3, 1, 2, 2, 1, 2, 2, 0],
                },
                startup_stats: [[2, 24, 0], [0; 3], [0; 3]],
                import_gc: "4+A3+a2-3+2[A+B+b-4+A3+a2-BCB+bcCBbcb2-2+-[]Cc-{Cc}Bb5-Cc4+-2+-+-B{+B[2b}4-{A{+{18+}a}Cc{A{}a}Bb{C2+-Cc-c}Bba4-2]3-",
                import_gc_checks: &[1, 2, 4, 12, 13, 14, 21, 25, 26, 34, 39, 113, 130, 133],
                import_gc_blocked: &[6, 7, 28, 29],
                unicodedata_import: "[{3+A3+a2-3+2[A+B+b-4+A3+a2-BCB+bcCBbcb2-2+-[]Cc-{Cc}Bb5-Cc4+-+2-3+-+-{A{}a}2-3+-+-+-[2+-A4+A+[+A{+}3+a+a-]5-+-[D]+C+[+A3+3B-a2-A3+B-a2-A3+B-a3-2+c-d2-a3-Cc+-[2+2-]+B+[-]bAaB+[-]bAaB+[-]bAaB+[-]bAaB+[-]bAa-+-+-Cc+-+B+[-]bAaB+[-]bAaB+[-]bAaB+[-]bAaB+[-]bAa-+-A4+A+[+A{+}3+a+a-]5-+-[D]+C+[+A3+3B-a2-A3+B-a2-A3+B-a3-2+c-d2-a3-Cc+-[2+2-]+B+[-]bAa+-B+bB{+A[ab}[]2-]4-+-+-{A{+-+{13+}a}BbCcAaAa{A{A+{B18+}a}BbBb{C2+-Cc-c}Bba4-2]3-}]",
            },
            Python::P312 => Profile {
                python,
                threshold: [700, 10, 10],
                startup_count: [481, 3, 0],
                interned_constants_immortal: true,
                recursion_limit: 1000,
                first_unraisable_allocs: 8,
                startup_free_lists: FreeLists {
                    dicts: 3,
                    lists: 6,
                    tuples: [0, 3, 2, 2, 2, 1, 3, 0, 0, 0, 0, 1, 0, 1, 1, 0, 0, 1, 0, 0, 0],
                },
                startup_stats: [[3, 24, 0], [0; 3], [0; 3]],
                import_gc: "+A+a2+A3+a2-A3+2[aA+B+b-B+b3+A3+a2-BCB+bcCBbcb2-2+-[]Cc-{Cc}5-Cc4+-2+-+-B{+B[2b}4-{A{+{18+}a}Cc{A{}a}Bb{C2+-Cc-c}-a3-2]3-",
                import_gc_checks: &[1, 3, 6, 13, 15, 16, 17, 25, 31, 32, 39, 45, 117, 134],
                import_gc_blocked: &[8, 9, 34, 35],
                unicodedata_import: "[{A+a2+A3+a2-A3+2[aA+B+b-B+b3+A3+a2-BCB+bcCBbcb2-2+-[]Cc-{Cc}5-Cc4+-+2-3+-+-{A{}a}2-3+-+-+-[2+-A4+A+[+A{+}3+a+a-]5-+-[D]+C+[+A3+3B-a2-A3+B-a2-A3+B-a3-Aa2+c-d2-a3-Cc+-[Aa2+2-Aa]+B+[-]bAaB+[-]bAaB+[-]bAaB+[-]bAaB+[-]bAa-+-+-Cc+-+B+[-]bAaB+[-]bAaB+[-]bAaB+[-]bAaB+[-]bAa-+-A4+A+[+A{+}3+a+a-]5-+-[D]+C+[+A3+3B-a2-A3+B-a2-A3+B-a3-Aa2+c-d2-a3-Cc+-[Aa2+2-Aa]+B+[-]bAa+-B+bAaB{+A[ab}[]2-]4-+-+-{A{+-+{13+}a}BbCc2A2a2A2a{A{A+{B17+}a}BbBb{C2+-Cc-c}-a3-2]3-}]",
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
