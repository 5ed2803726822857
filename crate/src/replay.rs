//! Snapshots: the heap as it was after any step, rebuilt from the trace.
//!
//! The replayer applies events forward from a cursor; going back restarts
//! from the beginning. Nothing here decides semantics: it only replays what
//! the interpreter recorded.

use crate::source::LineIndex;
use crate::trace::{Cause, Event, Label, Located, Trace};
use serde::Serialize;
use std::collections::BTreeMap;
use std::rc::Rc;

#[derive(Clone)]
enum Contents {
    Atomic,
    Seq(Vec<u32>),
    Map(Vec<(u32, u32)>),
    Labeled(Vec<(Label, u32)>),
}

#[derive(Clone)]
struct ObjState {
    ty: Rc<str>,
    repr: Option<Rc<str>>,
    rc: u32,
    internal: bool,
    immortal: bool,
    tracked: bool,
    generation: u8,
    contents: Contents,
}

#[derive(Clone)]
struct FrameState {
    id: u32,
    name: Rc<str>,
    vars: Vec<(Rc<str>, u32)>,
}

#[derive(Clone, Default)]
struct State {
    objects: BTreeMap<u32, ObjState>,
    frames: Vec<FrameState>,
    stdout: String,
    gc_count: [u32; 3],
}

pub struct Replayer {
    state: State,
    /// Number of events applied.
    applied: usize,
    threshold: [u32; 3],
    initial_count: [u32; 3],
    gc_enabled: bool,
}

#[derive(Serialize)]
pub struct FrameJson {
    pub id: u32,
    pub name: String,
    pub vars: Vec<VarJson>,
}

#[derive(Serialize)]
pub struct VarJson {
    pub name: String,
    pub id: u32,
    pub repr: String,
}

#[derive(Serialize)]
pub struct ObjectJson {
    pub id: u32,
    #[serde(rename = "type")]
    pub ty: String,
    pub repr: String,
    pub refcount: u32,
    pub tracked: bool,
    pub generation: Option<u8>,
    pub immortal: bool,
    pub change: Option<&'static str>,
}

#[derive(Serialize)]
pub struct EdgeJson {
    pub from: u32,
    pub to: u32,
    pub label: String,
}

#[derive(Serialize)]
pub struct GcJson {
    pub count: [u32; 3],
    pub threshold: [u32; 3],
    pub enabled: bool,
}

#[derive(Serialize)]
pub struct Snapshot<'a> {
    pub step: u32,
    pub line: u32,
    #[serde(rename = "nextLine")]
    pub next_line: u32,
    pub narration: String,
    pub frames: Vec<FrameJson>,
    pub objects: Vec<ObjectJson>,
    pub edges: Vec<EdgeJson>,
    pub events: Vec<Located<'a>>,
    pub stdout: String,
    pub gc: GcJson,
}

const IMMORTAL: u32 = u32::MAX;

impl Replayer {
    pub fn new(threshold: [u32; 3], startup_count: [u32; 3]) -> Replayer {
        let state = State { gc_count: startup_count, ..State::default() };
        Replayer { state, applied: 0, threshold, initial_count: startup_count, gc_enabled: true }
    }

    fn end_of(trace: &Trace, step: usize) -> usize {
        trace.step_starts.get(step + 1).map(|&e| e as usize).unwrap_or(trace.events.len())
    }

    /// Move the cursor to the end of `step`.
    pub fn seek(&mut self, trace: &Trace, step: usize) {
        let target = Self::end_of(trace, step.min(trace.steps() - 1));
        if target < self.applied {
            self.state = State { gc_count: self.initial_count, ..State::default() };
            self.applied = 0;
        }
        while self.applied < target {
            let e = &trace.events[self.applied];
            apply(&mut self.state, e);
            self.applied += 1;
        }
    }

    /// The snapshot after `step`.
    pub fn snapshot<'t>(&mut self, trace: &'t Trace, step: usize, src: &str, lines: &LineIndex) -> Snapshot<'t> {
        let step = step.min(trace.steps() - 1);
        self.seek(trace, step);
        let st = &self.state;
        let step_events = trace.step_events(step);
        let mut change: BTreeMap<u32, &'static str> = BTreeMap::new();
        for e in step_events {
            match e {
                Event::Alloc { id, .. } => {
                    change.insert(*id, "new");
                }
                Event::Refcount { id, from, to } => {
                    change.entry(*id).or_insert(if to > from { "up" } else { "down" });
                }
                _ => {}
            }
        }
        let visible = |o: &ObjState| !o.internal && !o.immortal && o.rc != IMMORTAL;
        let mut objects = Vec::new();
        let mut edges = Vec::new();
        for (&id, o) in &st.objects {
            if !visible(o) {
                continue;
            }
            objects.push(ObjectJson {
                id,
                ty: o.ty.to_string(),
                repr: repr_of(st, id, 0),
                refcount: o.rc,
                tracked: o.tracked,
                generation: o.tracked.then_some(o.generation),
                immortal: o.immortal,
                change: change.get(&id).copied(),
            });
            for (label, to) in children(st, o) {
                if st.objects.get(&to).map(visible).unwrap_or(false) {
                    edges.push(EdgeJson { from: id, to, label });
                }
            }
        }
        let frames = st
            .frames
            .iter()
            .map(|f| FrameJson {
                id: f.id,
                name: f.name.to_string(),
                vars: f
                    .vars
                    .iter()
                    .map(|(n, id)| VarJson { name: n.to_string(), id: *id, repr: repr_of(st, *id, 0) })
                    .collect(),
            })
            .collect();
        let line = trace.step_lines[step];
        let next_line = trace.step_lines.get(step + 1).copied().unwrap_or(0);
        let events = located(trace, step);
        let narration = narrate(st, step_events, src, lines, line);
        Snapshot {
            step: step as u32,
            line,
            next_line,
            narration,
            frames,
            objects,
            edges,
            events,
            stdout: st.stdout.clone(),
            gc: GcJson { count: st.gc_count, threshold: self.threshold, enabled: self.gc_enabled },
        }
    }
}

/// The events of one step with their step and line.
pub fn located(trace: &Trace, step: usize) -> Vec<Located<'_>> {
    let line = trace.step_lines[step];
    trace.step_events(step).iter().map(|e| Located { step: step as u32, line, event: e.to_json() }).collect()
}

fn apply(st: &mut State, e: &Event) {
    match e {
        Event::Step { .. } => {}
        Event::Alloc { id, ty, repr, internal, immortal } => {
            let contents = match &**ty {
                "list" | "tuple" => Contents::Seq(Vec::new()),
                "dict" => Contents::Map(Vec::new()),
                _ if repr.is_some() => Contents::Atomic,
                _ => Contents::Labeled(Vec::new()),
            };
            st.objects.insert(
                *id,
                ObjState {
                    ty: ty.clone(),
                    repr: repr.clone(),
                    rc: if *immortal { IMMORTAL } else { 1 },
                    internal: *internal,
                    immortal: *immortal,
                    tracked: false,
                    generation: 0,
                    contents,
                },
            );
        }
        Event::Refcount { id, to, .. } => {
            if let Some(o) = st.objects.get_mut(id) {
                o.rc = *to;
            }
        }
        Event::Free { id, .. } => {
            st.objects.remove(id);
        }
        Event::Bind { frame, name, id } => {
            if let Some(f) = st.frames.iter_mut().find(|f| f.id == *frame) {
                match id {
                    Some(target) => match f.vars.iter_mut().find(|(n, _)| n == name) {
                        Some(v) => v.1 = *target,
                        None => f.vars.push((name.clone(), *target)),
                    },
                    None => f.vars.retain(|(n, _)| n != name),
                }
            }
        }
        Event::FramePush { frame, name } => {
            st.frames.push(FrameState { id: *frame, name: name.clone(), vars: Vec::new() })
        }
        Event::FramePop { frame } => st.frames.retain(|f| f.id != *frame),
        Event::Stdout { text } => st.stdout.push_str(text),
        Event::ListInsert { id, index, item } => {
            if let Some(ObjState { contents: Contents::Seq(v), .. }) = st.objects.get_mut(id) {
                let i = (*index as usize).min(v.len());
                v.insert(i, *item);
            }
        }
        Event::ListRemove { id, index } => {
            if let Some(ObjState { contents: Contents::Seq(v), .. }) = st.objects.get_mut(id) {
                if (*index as usize) < v.len() {
                    v.remove(*index as usize);
                }
            }
        }
        Event::ListSet { id, index, item } => {
            if let Some(ObjState { contents: Contents::Seq(v), .. }) = st.objects.get_mut(id) {
                if let Some(slot) = v.get_mut(*index as usize) {
                    *slot = *item;
                }
            }
        }
        Event::Items { id, items } => {
            if let Some(o) = st.objects.get_mut(id) {
                o.contents = match &o.contents {
                    Contents::Seq(_) => Contents::Seq(items.iter().map(|(_, t)| *t).collect()),
                    Contents::Map(_) => Contents::Map(
                        items
                            .iter()
                            .map(|(l, t)| match l {
                                Label::Key(k) => (*k, *t),
                                _ => (0, *t),
                            })
                            .collect(),
                    ),
                    _ => Contents::Labeled(items.to_vec()),
                };
            }
        }
        Event::DictSet { id, key, value } => {
            if let Some(ObjState { contents: Contents::Map(m), .. }) = st.objects.get_mut(id) {
                match m.iter_mut().find(|(k, _)| k == key) {
                    Some(e) => e.1 = *value,
                    None => m.push((*key, *value)),
                }
            }
        }
        Event::DictRemove { id, key } => {
            if let Some(ObjState { contents: Contents::Map(m), .. }) = st.objects.get_mut(id) {
                m.retain(|(k, _)| k != key);
            }
        }
        Event::Tracked { id, tracked, generation } => {
            if let Some(o) = st.objects.get_mut(id) {
                o.tracked = *tracked;
                o.generation = *generation;
            }
        }
        Event::GcCount { count } => st.gc_count = *count,
        Event::GcStart { .. } | Event::GcEnd { .. } => {}
    }
}

fn children(st: &State, o: &ObjState) -> Vec<(String, u32)> {
    match &o.contents {
        Contents::Atomic => Vec::new(),
        Contents::Seq(v) => v.iter().enumerate().map(|(i, t)| (format!("[{i}]"), *t)).collect(),
        Contents::Map(m) => m.iter().map(|(k, v)| (format!("[{}]", repr_of(st, *k, 2)), *v)).collect(),
        Contents::Labeled(l) => l.iter().map(|(label, t)| (label.text(|k| repr_of(st, k, 2)), *t)).collect(),
    }
}

/// A short repr built from the replayed contents, bounded in depth and length.
fn repr_of(st: &State, id: u32, depth: u32) -> String {
    let Some(o) = st.objects.get(&id) else { return "<freed>".into() };
    if let Some(r) = &o.repr {
        return r.to_string();
    }
    if depth >= 2 {
        return match &o.contents {
            Contents::Seq(_) if &*o.ty == "tuple" => "(…)".into(),
            Contents::Seq(_) => "[…]".into(),
            Contents::Map(_) => "{…}".into(),
            _ => format!("<{}>", o.ty),
        };
    }
    let mut parts: Vec<String> = Vec::new();
    let mut budget = 60usize;
    let mut push = |s: String, parts: &mut Vec<String>| {
        if budget == 0 {
            return false;
        }
        budget = budget.saturating_sub(s.len() + 2);
        parts.push(s);
        true
    };
    let (open, close, n) = match &o.contents {
        Contents::Seq(v) => {
            for t in v {
                let s = if *t == id { "[...]".to_string() } else { repr_of(st, *t, depth + 1) };
                if !push(s, &mut parts) {
                    parts.push("…".into());
                    break;
                }
            }
            if &*o.ty == "tuple" {
                ("(", if v.len() == 1 { ",)" } else { ")" }, v.len())
            } else {
                ("[", "]", v.len())
            }
        }
        Contents::Map(m) => {
            for (k, v) in m {
                let s = format!(
                    "{}: {}",
                    repr_of(st, *k, depth + 1),
                    if *v == id { "{...}".to_string() } else { repr_of(st, *v, depth + 1) }
                );
                if !push(s, &mut parts) {
                    parts.push("…".into());
                    break;
                }
            }
            ("{", "}", m.len())
        }
        _ => return format!("<{}>", o.ty),
    };
    let _ = n;
    let s = format!("{open}{}{close}", parts.join(", "));
    crate::vm::short_repr(&s)
}

/// One plain sentence about what the step did and why.
fn narrate(st: &State, events: &[Event], src: &str, lines: &LineIndex, line: u32) -> String {
    if line == 0 {
        return "Before the first statement: the program has not run yet.".into();
    }
    let stmt = lines.line_text(src, line).trim().to_string();
    let mut frees = Vec::new();
    let mut allocs = Vec::new();
    let mut gc_runs = Vec::new();
    let mut drop_to_zero: BTreeMap<u32, u32> = BTreeMap::new();
    let mut printed = false;
    for e in events {
        match e {
            Event::Free { id, ty, cause } => frees.push((*id, ty.clone(), *cause)),
            Event::Alloc { ty, internal: false, immortal: false, .. } => allocs.push(ty.clone()),
            Event::Refcount { id, from, to: 0 } => {
                drop_to_zero.insert(*id, *from);
            }
            Event::GcEnd { collected, .. } => gc_runs.push(*collected),
            Event::Stdout { .. } => printed = true,
            _ => {}
        }
    }
    let _ = st;
    let mut parts = Vec::new();
    if let Some(collected) = gc_runs.first() {
        parts.push(format!(
            "the cycle collector ran and found {collected} unreachable object{}",
            if *collected == 1 { "" } else { "s" }
        ));
    }
    let by_rc: Vec<_> = frees.iter().filter(|f| f.2 == Cause::Refcount).collect();
    let by_gc = frees.iter().filter(|f| f.2 == Cause::Gc).count();
    if let Some((id, ty, _)) = by_rc.first() {
        let from = drop_to_zero.get(id).copied().unwrap_or(1);
        let more = by_rc.len() - 1;
        parts.push(format!(
            "the last reference to a {ty} went away: refcount {from} → 0, so it is freed at once{}",
            if more > 0 {
                format!(", and {more} more object{} with it", if more == 1 { "" } else { "s" })
            } else {
                String::new()
            }
        ));
    }
    if by_gc > 0 {
        parts.push(format!("the collector freed {by_gc} object{}", if by_gc == 1 { "" } else { "s" }));
    }
    if parts.is_empty() {
        if !allocs.is_empty() {
            let list: Vec<String> = allocs.iter().map(|t| format!("a {t}")).collect();
            parts.push(format!("created {}", list.join(", ")));
        } else if printed {
            parts.push("printed output".into());
        } else {
            parts.push("changed no object's lifetime".into());
        }
    }
    format!("`{stmt}`: {}.", parts.join("; "))
}
