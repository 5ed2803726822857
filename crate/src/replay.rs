//! Snapshots: the heap as it was after any step, rebuilt from the trace.
//!
//! The replayer applies events forward from a cursor. Going back (or far
//! ahead) starts from the nearest checkpoint before the target: a copy of the
//! replayed state taken every so many events during one pass over the trace
//! when the session starts, so moving to any step replays a bounded number of
//! events. Checkpoints are spaced by the size of the state they copy, so their
//! memory stays a fraction of the events'. Nothing here decides semantics: it
//! only replays what the interpreter recorded.

use crate::source::LineIndex;
use crate::trace::{Cause, Event, Label, Located, Trace};
use hashbrown::HashMap;
use serde::{Serialize, Serializer};
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
    constant: bool,
    tracked: bool,
    generation: u8,
    contents: Contents,
}

#[derive(Clone)]
struct FrameState {
    id: u32,
    name: Rc<str>,
    /// (name, object, repr recorded for objects the replay does not hold)
    vars: Vec<(Rc<str>, u32, Option<Rc<str>>)>,
}

#[derive(Clone, Default)]
struct State {
    /// By serial; a snapshot lists them in serial (allocation) order.
    objects: HashMap<u32, ObjState>,
    frames: Vec<FrameState>,
    /// Bytes of the run's stdout written so far (the text is the replayer's).
    stdout_len: usize,
    gc_count: [u32; 3],
    gc_enabled: bool,
    threshold: [u32; 3],
}

pub struct Replayer {
    state: State,
    /// Number of events applied.
    applied: usize,
    threshold: [u32; 3],
    initial_count: [u32; 3],
    /// Copies of the state after `applied` events, in order (see `prepare`).
    checkpoints: Vec<(usize, State)>,
    /// Estimated bytes the checkpoints hold.
    checkpoint_bytes: usize,
    /// Everything written to stdout, in order; a state keeps only its length.
    stdout: String,
    prepared: bool,
    /// Fewest events between two checkpoints (`CHECKPOINT_MIN_EVENTS`; tests change it).
    checkpoint_min: usize,
}

/// Fewest events between two checkpoints.
const CHECKPOINT_MIN_EVENTS: usize = 8_192;
/// Events between two checkpoints per object of the state copied: a
/// checkpoint costs about as much memory as this many events.
const CHECKPOINT_EVENTS_PER_OBJECT: usize = 4;
/// And per 32 bytes of the last checkpoint (containers' contents count too:
/// a few lists of millions of items are a large state with few objects).
const CHECKPOINT_BYTES_PER_EVENT: usize = 32;

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

/// The collection phase a step shows: gc_refs per object, references inside
/// the collected set, and the objects the phase singles out.
#[derive(Serialize)]
pub struct CollectionJson {
    pub phase: String,
    pub total: u32,
    /// gc_refs by object id (a JSON object keyed by id).
    #[serde(rename = "gcRefs", serialize_with = "as_map")]
    pub gc_refs: Vec<(u32, i64)>,
    pub internal: Vec<(u32, u32)>,
    pub marked: Vec<u32>,
    /// How many objects the phase singles out (`marked` may be cut).
    #[serde(rename = "markedTotal")]
    pub marked_total: u32,
    /// Why the collection started (its first phase only): "gc.collect(2)",
    /// "automatic: generation 0 count 701 exceeded threshold 700", ...
    pub reason: Option<String>,
    /// The generation it collects, with the younger ones (first phase only).
    pub generation: Option<u8>,
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
    /// Set on the steps of a collection's phases.
    pub collection: Option<CollectionJson>,
}

const IMMORTAL: u32 = u32::MAX;

impl Replayer {
    pub fn new(threshold: [u32; 3], startup_count: [u32; 3]) -> Replayer {
        Replayer {
            state: Self::initial(threshold, startup_count),
            applied: 0,
            threshold,
            initial_count: startup_count,
            checkpoints: Vec::new(),
            checkpoint_bytes: 0,
            stdout: String::new(),
            prepared: false,
            checkpoint_min: CHECKPOINT_MIN_EVENTS,
        }
    }

    /// One pass over the whole trace: the stdout text, and a checkpoint every
    /// `max(CHECKPOINT_MIN_EVENTS, CHECKPOINT_EVENTS_PER_OBJECT × objects,
    /// the last checkpoint's bytes / CHECKPOINT_BYTES_PER_EVENT)` events, so
    /// that seeking replays at most that many events and the checkpoints'
    /// memory stays proportional to the events'.
    pub fn prepare(&mut self, trace: &Trace) {
        self.prepared = true;
        self.stdout.clear();
        for e in &trace.events {
            if let Event::Stdout { text } = e {
                self.stdout.push_str(text);
            }
        }
        self.checkpoints.clear();
        self.checkpoint_bytes = 0;
        self.state = Self::initial(self.threshold, self.initial_count);
        self.applied = 0;
        let mut last = 0;
        let mut gap = self.checkpoint_min;
        while self.applied < trace.events.len() {
            apply(&mut self.state, &trace.events[self.applied]);
            self.applied += 1;
            if self.applied - last >= gap.max(CHECKPOINT_EVENTS_PER_OBJECT * self.state.objects.len()) {
                last = self.applied;
                let bytes = self.state.approx_bytes();
                self.checkpoint_bytes += bytes;
                self.checkpoints.push((self.applied, self.state.clone()));
                gap = self.checkpoint_min.max(bytes / CHECKPOINT_BYTES_PER_EVENT);
            }
        }
    }

    /// Estimated bytes the checkpoints hold.
    pub fn checkpoint_bytes(&self) -> usize {
        self.checkpoint_bytes
    }

    /// The state before the first event: the profile's counts and thresholds, collector on.
    fn initial(threshold: [u32; 3], count: [u32; 3]) -> State {
        State { gc_count: count, gc_enabled: true, threshold, ..State::default() }
    }

    fn end_of(trace: &Trace, step: usize) -> usize {
        trace.step_starts.get(step + 1).map(|&e| e as usize).unwrap_or(trace.events.len())
    }

    /// Move the cursor to the end of `step`.
    pub fn seek(&mut self, trace: &Trace, step: usize) {
        if !self.prepared {
            self.prepare(trace);
        }
        let target = Self::end_of(trace, step.min(trace.steps() - 1));
        // the last checkpoint at or before the target, if it is nearer than the cursor
        let at = self.checkpoints.partition_point(|(n, _)| *n <= target);
        if let Some((n, state)) = at.checked_sub(1).map(|i| &self.checkpoints[i]) {
            if *n > self.applied || target < self.applied {
                self.state = state.clone();
                self.applied = *n;
            }
        }
        if target < self.applied {
            self.state = Self::initial(self.threshold, self.initial_count);
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
        // (id, (0 new / 1 up / 2 down, _)): an object's first event in the step names its change.
        let mut change: Vec<(u32, (u32, u32))> = step_events
            .iter()
            .filter_map(|e| match e {
                Event::Alloc { id, .. } => Some((*id, (0, 0))),
                Event::Refcount { id, from, to } => Some((*id, (if to > from { 1 } else { 2 }, 0))),
                _ => None,
            })
            .collect();
        merge_by_id(&mut change, &|_, _| {});
        let change_of = |id: u32| {
            let k = change.binary_search_by_key(&id, |c| c.0).ok()?;
            Some(["new", "up", "down"][change[k].1 .0 as usize])
        };
        // Constants are drawn when a name or a drawn object refers to them.
        let drawable = |o: &ObjState| !o.internal && !o.immortal && o.rc != IMMORTAL;
        let mut shown_constants = hashbrown::HashSet::new();
        for f in &st.frames {
            for v in &f.vars {
                shown_constants.insert(v.1);
            }
        }
        for o in st.objects.values() {
            if drawable(o) && !o.constant {
                child_ids(o, |t| {
                    shown_constants.insert(t);
                });
            }
        }
        let visible = |o: &ObjState, id: u32| drawable(o) && (!o.constant || shown_constants.contains(&id));
        let mut objects = Vec::new();
        let mut edges = Vec::new();
        let mut ids: Vec<u32> = st.objects.keys().copied().collect();
        ids.sort_unstable();
        for id in ids {
            let o = &st.objects[&id];
            if !visible(o, id) {
                continue;
            }
            objects.push(ObjectJson {
                id,
                ty: o.ty.to_string(),
                repr: repr_of(st, id),
                refcount: o.rc,
                tracked: o.tracked,
                generation: o.tracked.then_some(o.generation),
                immortal: o.immortal,
                change: change_of(id),
            });
            for (label, to) in children(st, o) {
                if st.objects.get(&to).map(|t| visible(t, to)).unwrap_or(false) {
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
                    .map(|(n, id, r)| VarJson {
                        name: n.to_string(),
                        id: *id,
                        repr: r.as_ref().map(|r| r.to_string()).unwrap_or_else(|| repr_of(st, *id)),
                    })
                    .collect(),
            })
            .collect();
        let line = trace.step_lines[step];
        let next_line = trace.step_lines.get(step + 1).copied().unwrap_or(0);
        let events = located(trace, step);
        let collection = step_events.iter().find_map(|e| match e {
            Event::GcPhase(p) => Some(CollectionJson {
                phase: p.phase.to_string(),
                total: p.total,
                gc_refs: p.gc_refs.to_vec(),
                internal: p.internal.to_vec(),
                marked: p.marked.to_vec(),
                marked_total: p.marked_total,
                reason: None,
                generation: None,
            }),
            _ => None,
        });
        // The first phase's step follows the one that started the collection.
        let mut collection = collection;
        if let Some(c) = collection.as_mut().filter(|c| c.phase == "update_refs") {
            let start = step.checked_sub(1).map(|s| trace.step_events(s)).unwrap_or_default();
            if let Some(Event::GcStart { generation, reason }) =
                start.iter().chain(step_events).rev().find(|e| matches!(e, Event::GcStart { .. }))
            {
                c.reason = Some(reason.to_string());
                c.generation = Some(*generation);
            }
        }
        let narration = if let Some(c) = &collection {
            narrate_phase(c, step_events)
        } else if line == 0 && step > 0 {
            narrate_exit(step_events)
        } else {
            narrate(st, step_events, src, lines, line)
        };
        Snapshot {
            step: step as u32,
            line,
            next_line,
            narration,
            frames,
            objects,
            edges,
            events,
            stdout: self.stdout_upto(st.stdout_len),
            gc: GcJson { count: st.gc_count, threshold: st.threshold, enabled: st.gc_enabled },
            collection,
        }
    }
}

impl Replayer {
    /// The first `len` bytes of stdout.
    fn stdout_upto(&self, len: usize) -> String {
        self.stdout.get(..len).map(str::to_string).unwrap_or_default()
    }
}

impl State {
    /// A rough size of a copy of this state, for the checkpoints' budget.
    fn approx_bytes(&self) -> usize {
        let per_object = std::mem::size_of::<ObjState>() + 4 * std::mem::size_of::<usize>();
        let contents: usize = self
            .objects
            .values()
            .map(|o| match &o.contents {
                Contents::Atomic => 0,
                Contents::Seq(v) => v.len() * 4,
                Contents::Map(m) => m.len() * 8,
                Contents::Labeled(l) => l.len() * std::mem::size_of::<(Label, u32)>(),
            })
            .sum();
        let frames: usize = self.frames.iter().map(|f| 32 + f.vars.len() * 24).sum();
        std::mem::size_of::<State>() + self.objects.len() * per_object + contents + frames
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
                    constant: false,
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
        Event::Constant { id } => {
            if let Some(o) = st.objects.get_mut(id) {
                o.constant = true;
            }
        }
        Event::Free { id, .. } => {
            st.objects.remove(id);
        }
        Event::Bind { frame, name, id, repr } => {
            if let Some(f) = st.frames.iter_mut().find(|f| f.id == *frame) {
                match id {
                    Some(target) => match f.vars.iter_mut().find(|(n, _, _)| n == name) {
                        Some(v) => {
                            v.1 = *target;
                            v.2 = repr.clone();
                        }
                        None => f.vars.push((name.clone(), *target, repr.clone())),
                    },
                    None => f.vars.retain(|(n, _, _)| n != name),
                }
            }
        }
        Event::FramePush { frame, name } => {
            st.frames.push(FrameState { id: *frame, name: name.clone(), vars: Vec::new() })
        }
        Event::FramePop { frame } => st.frames.retain(|f| f.id != *frame),
        Event::Stdout { text } => st.stdout_len += text.len(),
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
        Event::GcConfig { enabled, threshold } => {
            st.gc_enabled = *enabled;
            st.threshold = *threshold;
        }
        Event::GcPromote { upto, to } => {
            for o in st.objects.values_mut() {
                if o.tracked && o.generation <= *upto {
                    o.generation = *to;
                }
            }
        }
        Event::GcUnfreeze => {
            for o in st.objects.values_mut() {
                if o.tracked && o.generation == crate::gc::PERMANENT as u8 {
                    o.generation = crate::gc::NUM_GENERATIONS as u8 - 1;
                }
            }
        }
        Event::GcStart { .. } | Event::GcEnd { .. } | Event::GcPhase(_) => {}
    }
}

/// The objects `o` refers to, in the order `children` lists them (no labels made).
fn child_ids(o: &ObjState, mut f: impl FnMut(u32)) {
    match &o.contents {
        Contents::Atomic => {}
        Contents::Seq(v) => v.iter().for_each(|&t| f(t)),
        Contents::Map(m) => m.iter().for_each(|&(_, v)| f(v)),
        Contents::Labeled(l) => l.iter().for_each(|&(_, t)| f(t)),
    }
}

fn children(st: &State, o: &ObjState) -> Vec<(String, u32)> {
    match &o.contents {
        Contents::Atomic => Vec::new(),
        Contents::Seq(v) => v.iter().enumerate().map(|(i, t)| (format!("[{i}]"), *t)).collect(),
        Contents::Map(m) => m.iter().map(|(k, v)| (format!("[{}]", repr_of(st, *k)), *v)).collect(),
        Contents::Labeled(l) => l.iter().map(|(label, t)| (label.text(|k| repr_of(st, k)), *t)).collect(),
    }
}

/// Longest repr a card shows.
const REPR_LIMIT: usize = 60;

/// What repr() prints, rebuilt from the replayed contents and cut to a card's
/// width. Self-reference prints `[...]` / `{...}`, as CPython's Py_ReprEnter does.
fn repr_of(st: &State, id: u32) -> String {
    let mut out = String::new();
    let mut active = Vec::new();
    write_repr(st, id, &mut out, &mut active);
    crate::vm::short_repr(&out)
}

/// Append a repr; stops early (returns false) once the text is past the limit.
fn write_repr(st: &State, id: u32, out: &mut String, active: &mut Vec<u32>) -> bool {
    if out.len() > REPR_LIMIT {
        return false;
    }
    let Some(o) = st.objects.get(&id) else {
        out.push('?');
        return true;
    };
    if let Some(r) = &o.repr {
        out.push_str(r);
        return true;
    }
    let tuple = &*o.ty == "tuple";
    if active.contains(&id) && !tuple {
        out.push_str(if matches!(o.contents, Contents::Map(_)) { "{...}" } else { "[...]" });
        return true;
    }
    active.push(id);
    let complete = match &o.contents {
        Contents::Seq(v) => {
            out.push(if tuple { '(' } else { '[' });
            let mut ok = true;
            for (i, t) in v.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                if !write_repr(st, *t, out, active) {
                    ok = false;
                    break;
                }
            }
            if ok {
                let close = match (tuple, v.len()) {
                    (false, _) => "]",
                    (true, 1) => ",)",
                    (true, _) => ")",
                };
                out.push_str(close);
            }
            ok
        }
        Contents::Map(m) => {
            out.push('{');
            let mut ok = true;
            for (i, (k, v)) in m.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                if !write_repr(st, *k, out, active) {
                    ok = false;
                    break;
                }
                out.push_str(": ");
                if !write_repr(st, *v, out, active) {
                    ok = false;
                    break;
                }
            }
            if ok {
                out.push('}');
            }
            ok
        }
        _ => {
            out.push_str(&format!("<{} object>", o.ty));
            true
        }
    };
    active.pop();
    complete
}

/// Objects reachable from the frames' names, following the replayed edges.
fn reachable_from_frames(st: &State) -> hashbrown::HashSet<u32> {
    let mut seen = hashbrown::HashSet::new();
    let mut work: Vec<u32> = st.frames.iter().flat_map(|f| f.vars.iter().map(|v| v.1)).collect();
    while let Some(id) = work.pop() {
        if !seen.insert(id) {
            continue;
        }
        if let Some(o) = st.objects.get(&id) {
            child_ids(o, |t| work.push(t));
        }
    }
    seen
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// What a collection phase does, in CPython's terms.
fn narrate_phase(c: &CollectionJson, events: &[Event]) -> String {
    let n = c.total;
    let marked = c.marked_total;
    let s = |k: usize| if k == 1 { "" } else { "s" };
    match c.phase.as_str() {
        "update_refs" => {
            let why = match (&c.reason, c.generation) {
                (Some(r), Some(g)) => {
                    let young = if g == 0 { "" } else { " and the younger ones" };
                    let cause = match r.strip_prefix("automatic: ") {
                        Some(auto) => format!("on its own, because {auto}"),
                        None if r == "interpreter exit" => "because the interpreter is exiting".into(),
                        None => format!("because the program called {r}"),
                    };
                    format!("A collection of generation {g}{young} starts {cause}. ")
                }
                _ => String::new(),
            };
            format!(
                "{why}update_refs: the collector takes the {n} object{} of the generation(s) being collected and copies each one's refcount into gc_refs.",
                s(n as usize)
            )
        }
        "subtract_refs" => format!(
            "subtract_refs: for each reference between two of these objects, gc_refs of the target goes down by one ({} such reference{}); what remains counts references from outside.",
            c.internal.len(),
            s(c.internal.len())
        ),
        "move_unreachable" => {
            let survivors = n.saturating_sub(marked) as usize;
            let moved = events.iter().find_map(|e| match e {
                Event::GcPromote { upto, to } => Some((*upto, *to)),
                _ => None,
            });
            let then = match moved {
                _ if survivors == 0 => String::new(),
                Some((upto, to)) => format!(
                    " The {survivors} survivor{} move{} from generation {upto} to generation {to}.",
                    s(survivors),
                    if survivors == 1 { "s" } else { "" }
                ),
                None => format!(
                    " The {survivors} survivor{} stay{} in generation 2, the oldest.",
                    s(survivors),
                    if survivors == 1 { "s" } else { "" }
                ),
            };
            format!(
                "move_unreachable: objects with gc_refs > 0 are reachable from outside, and so is everything they reach; {marked} object{} reached by nothing outside {} unreachable.{then}",
                s(marked as usize),
                if marked == 1 { "is" } else { "are" }
            )
        }
        "finalize_garbage" => format!(
            "finalize_garbage: __del__ runs once for each unreachable object that has one ({}).",
            c.marked.len()
        ),
        "handle_resurrected_objects" => format!(
            "handle_resurrected_objects: a finalizer made {} object{} reachable again; they survive, with all they reach.",
            c.marked.len(),
            s(c.marked.len())
        ),
        "delete_garbage" => format!(
            "delete_garbage: tp_clear breaks the references of the {n} unreachable object{}; reference counting then frees them.",
            s(n as usize)
        ),
        other => format!("{other}."),
    }
}

/// Interpreter exit: what finalization did.
fn narrate_exit(events: &[Event]) -> String {
    if !events.iter().any(|e| matches!(e, Event::FramePop { .. })) {
        return "The program has ended: at exit, before the interpreter clears the modules, it runs a full \
                collection, as gc.collect() would, while the module still holds its names."
            .into();
    }
    let freed = events.iter().filter(|e| matches!(e, Event::Free { .. })).count();
    let printed = events.iter().any(|e| matches!(e, Event::Stdout { .. }));
    let mut s = String::from(
        "The program has ended: at exit the interpreter releases the module's names, then a full collection \
         finalizes what only cycles kept alive",
    );
    if freed > 0 {
        s.push_str(&format!(" ({freed} object{} freed", if freed == 1 { "" } else { "s" }));
        s.push_str(if printed { ", finalizers printed output)" } else { ")" });
    }
    s.push('.');
    s
}

/// "a list", "an int": the type name with its article.
fn a(ty: &str) -> String {
    let vowel = ty.chars().next().is_some_and(|c| "aeiouAEIOU".contains(c));
    format!("{} {ty}", if vowel { "an" } else { "a" })
}

/// One plain sentence about what the step did and why.
fn narrate(st: &State, events: &[Event], src: &str, lines: &LineIndex, line: u32) -> String {
    if line == 0 {
        return "Before the first statement: nothing has run yet.".into();
    }
    let stmt = lines.line_text(src, line).trim().to_string();
    let mut frees = Vec::new();
    let mut allocs = Vec::new();
    let mut collected = None;
    // (id, (from, to)) per object, in id order (merged after the loop)
    let mut drops: Vec<(u32, (u32, u32))> = Vec::new();
    let mut rises: Vec<(u32, (u32, u32))> = Vec::new();
    let mut printed = false;
    let mut config = None;
    for e in events {
        match e {
            Event::Free { id, ty, cause } => frees.push((*id, ty.clone(), *cause)),
            Event::Alloc { ty, internal: false, immortal: false, .. } => allocs.push(ty.clone()),
            Event::Refcount { id, from, to } if to < from => drops.push((*id, (*from, *to))),
            Event::Refcount { id, from, to } => rises.push((*id, (*from, *to))),
            Event::GcEnd { collected: n, .. } => collected = Some(*n),
            Event::Stdout { .. } => printed = true,
            Event::GcConfig { enabled, threshold } => config = Some((*enabled, *threshold)),
            _ => {}
        }
    }
    merge_by_id(&mut drops, &|first, later| *first = later);
    merge_by_id(&mut rises, &|first, later| first.1 = later.1);
    let mut parts = Vec::new();
    if let Some(n) = collected {
        parts.push(format!("the cycle collector ran and found {n} unreachable object{}", plural(n as usize)));
    }
    let by_rc: Vec<_> = frees.iter().filter(|f| f.2 == Cause::Refcount).collect();
    let by_gc = frees.iter().filter(|f| f.2 == Cause::Gc).count();
    if let Some((id, ty, _)) = by_rc.first() {
        let from = drops.binary_search_by_key(id, |d| d.0).map(|k| drops[k].1 .0).unwrap_or(1);
        let more = by_rc.len() - 1;
        let tail = if more > 0 { format!(", and {more} more object{} with it", plural(more)) } else { String::new() };
        parts.push(format!(
            "the last reference to {} went away: refcount {from} → 0, so it is freed at once{tail}",
            a(ty)
        ));
    }
    if by_gc > 0 {
        parts.push(format!("it freed {by_gc} object{} (tp_clear broke the cycles)", plural(by_gc)));
    }
    // Counts that fell but not to zero: say why the object lives on.
    let survivors: Vec<(u32, (u32, u32))> =
        drops.iter().filter(|(id, (_, to))| *to > 0 && st.objects.contains_key(id)).map(|(k, v)| (*k, *v)).collect();
    if !survivors.is_empty() && frees.is_empty() {
        let reach = reachable_from_frames(st);
        let orphans: Vec<&(u32, (u32, u32))> = survivors.iter().filter(|(id, _)| !reach.contains(id)).collect();
        if let Some((id, (from, to))) = orphans.first() {
            let ty = st.objects.get(id).map(|o| o.ty.to_string()).unwrap_or_default();
            parts.push(format!(
                "no name reaches {} any more, yet refcount {from} → {to} stays above 0: the objects reference each \
                 other in a cycle, which only the cycle collector can free",
                if orphans.len() == 1 { format!("the {ty}") } else { format!("{} objects", orphans.len()) }
            ));
        } else if let Some((id, (from, to))) = survivors.first() {
            let ty = st.objects.get(id).map(|o| o.ty.to_string()).unwrap_or_default();
            parts.push(format!("the {ty}'s refcount fell {from} → {to}; other references keep it alive"));
        }
    }
    if let Some((enabled, [t0, t1, t2])) = config {
        parts.push(format!(
            "the cycle collector is {}, with thresholds ({t0}, {t1}, {t2})",
            if enabled { "enabled" } else { "disabled: allocations no longer start collections" }
        ));
    }
    if parts.is_empty() {
        if !allocs.is_empty() {
            let list: Vec<String> = allocs.iter().map(|t| a(t)).collect();
            parts.push(format!("created {}", list.join(", ")));
        } else if let Some((id, (from, to))) = rises.iter().find(|(id, (from, to))| {
            to > from && *from > 0 && st.objects.get(id).is_some_and(|o| !o.internal && !o.immortal && o.rc != IMMORTAL)
        }) {
            let ty = st.objects.get(id).map(|o| o.ty.to_string()).unwrap_or_default();
            parts.push(format!("one more reference to the {ty}: refcount {from} → {to}"));
        } else if printed {
            parts.push("printed output".into());
        } else {
            parts.push("no object was created or freed".into());
        }
    }
    format!("`{stmt}`: {}.", parts.join("; "))
}

/// A step's `(from, to)` of a refcount, or a change's rank.
type Pair = (u32, u32);

/// Sorts `(id, value)` pairs by id, keeping event order among equal ids, and
/// folds each id's later values into its first with `fold(first, later)`.
fn merge_by_id(v: &mut Vec<(u32, Pair)>, fold: &dyn Fn(&mut Pair, Pair)) {
    v.sort_by_key(|e| e.0);
    v.dedup_by(|later, first| {
        let same = later.0 == first.0;
        if same {
            fold(&mut first.1, later.1);
        }
        same
    });
}

/// Serializes `(id, n)` pairs as a JSON object keyed by id.
fn as_map<S: Serializer>(pairs: &[(u32, i64)], s: S) -> Result<S::Ok, S::Error> {
    s.collect_map(pairs.iter().map(|(id, n)| (id.to_string(), n)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::Profile;
    use crate::{run, Options};

    fn snapshot_json(r: &mut Replayer, trace: &Trace, step: usize, src: &str, lines: &LineIndex) -> String {
        serde_json::to_string(&r.snapshot(trace, step, src, lines)).expect("json")
    }

    #[test]
    fn seeking_through_checkpoints_shows_what_replaying_from_the_start_shows() {
        let src = "import gc\nring = [None] * 8\nfor i in range(600):\n    ring[i % 8] = [i, {'k': str(i)}]\n    \
                   if i % 50 == 0:\n        c = [ring]\n        c.append(c)\n        print(i)\n        gc.collect()\n";
        let out = run(src, &Options { trace: true, ..Options::default() });
        assert_eq!(out.exit_code, 0, "{}", out.stderr);
        let lines = LineIndex::new(src);
        let p = Profile::new(out.python);
        let mut plain = Replayer::new(p.threshold, p.startup_count);
        plain.checkpoint_min = usize::MAX;
        plain.prepare(&out.trace);
        assert!(plain.checkpoints.is_empty());
        let mut fast = Replayer::new(p.threshold, p.startup_count);
        fast.checkpoint_min = 64;
        fast.prepare(&out.trace);
        assert!(fast.checkpoints.len() >= 2, "{} checkpoints", fast.checkpoints.len());
        let steps = out.trace.steps();
        // forward, backward and scattered: each snapshot as a fresh replay from step 0 shows it
        let mut order: Vec<usize> = (0..steps).step_by(7).collect();
        order.extend((0..steps).rev().step_by(11));
        order.extend((0..200).map(|i| (i * 7919) % steps));
        for step in order {
            plain.state = Replayer::initial(p.threshold, p.startup_count);
            plain.applied = 0;
            let want = snapshot_json(&mut plain, &out.trace, step, src, &lines);
            let got = snapshot_json(&mut fast, &out.trace, step, src, &lines);
            assert_eq!(got, want, "step {step}");
        }
    }

    #[test]
    fn checkpoints_of_a_few_large_containers_stay_proportional_to_the_events() {
        // found by fuzzing: checkpoints were spaced by objects only, so each
        // copied the million items every 8192 events (gigabytes at the page's budget)
        let src = "x = [0] * 1_000_000\nfor i in range(20_000):\n    pass\n";
        let out = run(src, &Options { trace: true, ..Options::default() });
        let p = Profile::new(out.python);
        let mut r = Replayer::new(p.threshold, p.startup_count);
        r.prepare(&out.trace);
        let events = out.trace.events.len();
        assert!(
            r.checkpoint_bytes() <= 64 * events,
            "{} bytes of checkpoints for {events} events",
            r.checkpoint_bytes()
        );
    }
}
