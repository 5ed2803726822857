//! The run at a glance, one entry per step: how many objects the view would
//! draw, and what kind of thing happened. The page draws its timeline and its
//! live-objects chart from this without fetching a snapshot per step.

use crate::trace::{Cause, Event, Trace};

/// Bits of `Timeline::marks`.
pub const MARK_ALLOC: u8 = 1;
pub const MARK_FREE_REFCOUNT: u8 = 2;
pub const MARK_FREE_GC: u8 = 4;
/// A collection starts in this step (explicit or automatic).
pub const MARK_COLLECTION: u8 = 8;
/// A step inside a collection: its phases, and the finalizers and callbacks it runs.
pub const MARK_IN_COLLECTION: u8 = 16;
pub const MARK_OUTPUT: u8 = 32;

pub struct Timeline {
    /// Objects alive after each step, counting those the program made: not
    /// immortal ones, the interpreter's internal ones or compile-time constants.
    pub live: Vec<u32>,
    pub marks: Vec<u8>,
    /// For each write to stdout: the step, and the length of stdout after it in
    /// UTF-16 code units (how JavaScript indexes strings).
    pub output: Vec<(u32, u32)>,
}

impl Timeline {
    pub fn of(trace: &Trace) -> Timeline {
        let steps = trace.steps();
        let mut live = Vec::with_capacity(steps);
        let mut marks = Vec::with_capacity(steps);
        let mut output = Vec::new();
        // object ids are handed out in order and never reused
        let mut drawn: Vec<bool> = Vec::new();
        let mut count: u32 = 0;
        let mut printed: u32 = 0;
        let mut collecting = false;
        for step in 0..steps {
            let mut mark = if collecting { MARK_IN_COLLECTION } else { 0 };
            for e in trace.step_events(step) {
                match e {
                    Event::Alloc { id, internal, immortal, .. } => {
                        let i = *id as usize;
                        if drawn.len() <= i {
                            drawn.resize(i + 1, false);
                        }
                        if !internal && !immortal {
                            drawn[i] = true;
                            count += 1;
                            mark |= MARK_ALLOC;
                        }
                    }
                    // compile-time constants belong to the code, not to the run's story
                    Event::Constant { id } => {
                        if let Some(d) = drawn.get_mut(*id as usize).filter(|d| **d) {
                            *d = false;
                            count -= 1;
                        }
                    }
                    Event::Free { id, cause, .. } => {
                        if let Some(d) = drawn.get_mut(*id as usize).filter(|d| **d) {
                            *d = false;
                            count -= 1;
                            mark |= match cause {
                                Cause::Refcount => MARK_FREE_REFCOUNT,
                                Cause::Gc => MARK_FREE_GC,
                            };
                        }
                    }
                    Event::GcStart { .. } => {
                        collecting = true;
                        mark |= MARK_COLLECTION | MARK_IN_COLLECTION;
                    }
                    Event::GcEnd { .. } => collecting = false,
                    Event::Stdout { text } => {
                        printed += text.encode_utf16().count() as u32;
                        output.push((step as u32, printed));
                        mark |= MARK_OUTPUT;
                    }
                    _ => {}
                }
            }
            live.push(count);
            marks.push(mark);
        }
        Timeline { live, marks, output }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{run, Options};

    fn timeline(src: &str) -> Timeline {
        let outcome = run(src, &Options { trace: true, ..Options::default() });
        Timeline::of(&outcome.trace)
    }

    #[test]
    fn counts_follow_allocations_and_frees() {
        let t = timeline("a = [1]\nb = [a]\ndel b\ndel a\n");
        // step 0 is before the first statement; the module frame's objects are internal
        assert_eq!(&t.live[1..5], &[1, 2, 1, 0]);
        assert_eq!(t.marks[1] & MARK_ALLOC, MARK_ALLOC);
        assert_eq!(t.marks[3] & MARK_FREE_REFCOUNT, MARK_FREE_REFCOUNT);
        assert_eq!(t.marks[3] & MARK_ALLOC, 0);
    }

    #[test]
    fn a_collection_marks_its_start_phases_and_frees() {
        let t = timeline("import gc\na = []\na.append(a)\ndel a\ngc.collect()\nx = [1]\n");
        let start = t.marks.iter().position(|m| m & MARK_COLLECTION != 0).expect("a collection");
        let phases = t.marks.iter().filter(|m| *m & MARK_IN_COLLECTION != 0).count();
        assert!(phases >= 4, "its start, update_refs, subtract_refs, move_unreachable at least: {phases}");
        // `x = [1]`: the last allocation (the exit's collections allocate nothing)
        let after = t.marks.iter().rposition(|m| m & MARK_ALLOC != 0).expect("x = [1]");
        assert_eq!(t.marks[after] & (MARK_IN_COLLECTION | MARK_ALLOC), MARK_ALLOC, "the collection ended before");
        let freed = t.marks.iter().position(|m| m & MARK_FREE_GC != 0).expect("a free by the collector");
        assert!(freed > start);
        assert_eq!(t.live[freed], 0);
    }

    #[test]
    fn output_offsets_count_utf16_units() {
        let t = timeline("print('é😀')\nprint(1)\n");
        // 'é' is one unit, the emoji two, then the newline: print writes text and end separately
        let ends: Vec<u32> = t.output.iter().map(|o| o.1).collect();
        assert_eq!(ends, vec![3, 4, 5, 6]);
        assert_eq!(t.output[0].0, 1);
        assert_eq!(t.output[2].0, 2);
    }
}
