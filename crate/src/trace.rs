//! The trace: what happened, step by step, as the interpreter ran.
//!
//! Events name objects by serial (never reused). A step is one executed
//! statement; refcount changes are coalesced to one event per object per
//! step (its count before and after), except that a free is always preceded
//! by the object's drop to 0.

use serde::Serialize;
use std::rc::Rc;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Cause {
    Refcount,
    Gc,
}

/// What a container slot is called on an arrow: `[0]`, `['key']`, `.attr`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Label {
    Index(u32),
    Key(u32),
    Attr(Rc<str>),
}

#[derive(Clone, Debug)]
pub enum Event {
    /// A statement starts: a new step.
    Step {
        line: u32,
    },
    Alloc {
        id: u32,
        ty: Rc<str>,
        repr: Option<Rc<str>>,
        internal: bool,
        immortal: bool,
    },
    Refcount {
        id: u32,
        from: u32,
        to: u32,
    },
    /// The object is a compile-time constant (owned by code objects).
    Constant {
        id: u32,
    },
    Free {
        id: u32,
        ty: Rc<str>,
        cause: Cause,
    },
    /// A name in a frame now refers to `id` (None: the name was deleted);
    /// `repr` is set for objects the view does not draw (immortal or internal).
    Bind {
        frame: u32,
        name: Rc<str>,
        id: Option<u32>,
        repr: Option<Rc<str>>,
    },
    FramePush {
        frame: u32,
        name: Rc<str>,
    },
    FramePop {
        frame: u32,
    },
    Stdout {
        text: Rc<str>,
    },
    /// Container contents. Lists: insert/remove/set at an index; dicts: set/remove by key object.
    ListInsert {
        id: u32,
        index: u32,
        item: u32,
    },
    ListRemove {
        id: u32,
        index: u32,
    },
    ListSet {
        id: u32,
        index: u32,
        item: u32,
    },
    /// A container's whole contents at once (tuples, functions, clears, sorts).
    Items {
        id: u32,
        items: Rc<[(Label, u32)]>,
    },
    DictSet {
        id: u32,
        key: u32,
        value: u32,
    },
    DictRemove {
        id: u32,
        key: u32,
    },
    Tracked {
        id: u32,
        tracked: bool,
        generation: u8,
    },
    GcCount {
        count: [u32; 3],
    },
    /// gc.enable(), gc.disable() or gc.set_threshold(): the collector's settings now.
    GcConfig {
        enabled: bool,
        threshold: [u32; 3],
    },
    GcStart {
        generation: u8,
        reason: Rc<str>,
    },
    GcEnd {
        collected: u32,
        uncollectable: u32,
    },
    /// A phase of a collection (boxed: the biggest event, and a rare one,
    /// would otherwise set the size of every event).
    GcPhase(Box<Phase>),
    /// Survivors move: every tracked object in generations up to `upto` is now in `to`.
    GcPromote {
        upto: u8,
        to: u8,
    },
    /// gc.unfreeze(): the permanent generation's objects are in the oldest one again.
    GcUnfreeze,
}

/// A phase of a collection, with per-object detail up to a bound:
/// `gc_refs` of the objects involved, references found inside the set,
/// and the objects the phase singles out (unreachable, finalized, resurrected).
#[derive(Clone, Debug)]
pub struct Phase {
    pub phase: &'static str,
    /// How many objects the phase concerned (the lists below may be cut).
    pub total: u32,
    pub gc_refs: Box<[(u32, i64)]>,
    pub internal: Box<[(u32, u32)]>,
    pub marked: Box<[u32]>,
    /// How many objects the phase singles out (`marked` may be cut).
    pub marked_total: u32,
}

/// The recorded events, each with the step it belongs to and its source line.
#[derive(Default)]
pub struct Trace {
    pub events: Vec<Event>,
    /// Index into `events` of each step's first event.
    pub step_starts: Vec<u32>,
    /// Line of each step (0 for step 0, the state before the first statement).
    pub step_lines: Vec<u32>,
}

impl Trace {
    pub fn new() -> Trace {
        Trace { events: Vec::new(), step_starts: vec![0], step_lines: vec![0] }
    }
    pub fn steps(&self) -> usize {
        self.step_starts.len()
    }
    /// The line of the current step.
    pub fn current_line(&self) -> u32 {
        self.step_lines.last().copied().unwrap_or(0)
    }

    pub fn begin_step(&mut self, line: u32) {
        self.step_starts.push(self.events.len() as u32);
        self.step_lines.push(line);
        self.events.push(Event::Step { line });
    }
    pub fn push(&mut self, e: Event) {
        self.events.push(e);
    }
    /// The memory the trace holds: its events, the step index, and the
    /// out-of-line parts of events (shared strings count their share).
    pub fn heap_bytes(&self) -> usize {
        fn rc_str(s: &Rc<str>) -> usize {
            (s.len() + 2 * std::mem::size_of::<usize>()) / Rc::strong_count(s)
        }
        fn rc_slice<T>(s: &Rc<[T]>) -> usize {
            (std::mem::size_of_val::<[T]>(s) + 2 * std::mem::size_of::<usize>()) / Rc::strong_count(s)
        }
        let mut bytes = self.events.capacity() * std::mem::size_of::<Event>()
            + (self.step_starts.capacity() + self.step_lines.capacity()) * std::mem::size_of::<u32>();
        for e in &self.events {
            bytes += match e {
                Event::Alloc { ty, repr, .. } => rc_str(ty) + repr.as_ref().map_or(0, rc_str),
                Event::Free { ty, .. } => rc_str(ty),
                Event::Bind { name, repr, .. } => rc_str(name) + repr.as_ref().map_or(0, rc_str),
                Event::FramePush { name, .. } => rc_str(name),
                Event::Stdout { text } => rc_str(text),
                Event::Items { items, .. } => rc_slice(items),
                Event::GcStart { reason, .. } => rc_str(reason),
                Event::GcPhase(p) => {
                    std::mem::size_of::<Phase>()
                        + std::mem::size_of_val::<[_]>(&p.gc_refs)
                        + std::mem::size_of_val::<[_]>(&p.internal)
                        + std::mem::size_of_val::<[_]>(&p.marked)
                }
                _ => 0,
            };
        }
        bytes
    }

    /// Events of one step.
    pub fn step_events(&self, step: usize) -> &[Event] {
        let start = self.step_starts[step] as usize;
        let end = self.step_starts.get(step + 1).map(|&e| e as usize).unwrap_or(self.events.len());
        &self.events[start..end]
    }
}

/// The JSON shape of one event, as documented in docs/engine-api.md.
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EventJson<'a> {
    Line,
    Alloc {
        id: u32,
        #[serde(rename = "type")]
        ty: &'a str,
        repr: Option<&'a str>,
        internal: bool,
        immortal: bool,
    },
    Refcount {
        id: u32,
        from: u32,
        to: u32,
    },
    Constant {
        id: u32,
    },
    Free {
        id: u32,
        #[serde(rename = "type")]
        ty: &'a str,
        cause: Cause,
    },
    Bind {
        frame: u32,
        name: &'a str,
        id: Option<u32>,
        #[serde(skip_serializing_if = "Option::is_none")]
        repr: Option<&'a str>,
    },
    FramePush {
        frame: u32,
        name: &'a str,
    },
    FramePop {
        frame: u32,
    },
    Stdout {
        text: &'a str,
    },
    ListInsert {
        id: u32,
        index: u32,
        item: u32,
    },
    ListRemove {
        id: u32,
        index: u32,
    },
    ListSet {
        id: u32,
        index: u32,
        item: u32,
    },
    Items {
        id: u32,
        items: Vec<(String, u32)>,
    },
    DictSet {
        id: u32,
        key: u32,
        value: u32,
    },
    DictRemove {
        id: u32,
        key: u32,
    },
    Tracked {
        id: u32,
        tracked: bool,
        generation: u8,
    },
    GcCount {
        count: [u32; 3],
    },
    GcConfig {
        enabled: bool,
        threshold: [u32; 3],
    },
    GcStart {
        generation: u8,
        reason: &'a str,
    },
    GcEnd {
        collected: u32,
        uncollectable: u32,
    },
    GcPhase {
        phase: &'a str,
        total: u32,
        #[serde(rename = "gcRefs")]
        gc_refs: &'a [(u32, i64)],
        internal: &'a [(u32, u32)],
        marked: &'a [u32],
        #[serde(rename = "markedTotal")]
        marked_total: u32,
    },
    GcPromote {
        upto: u8,
        to: u8,
    },
    GcUnfreeze {},
}

/// An event with its step and line, flattened into one JSON object.
#[derive(Serialize)]
pub struct Located<'a> {
    pub step: u32,
    pub line: u32,
    #[serde(flatten)]
    pub event: EventJson<'a>,
}

impl Label {
    /// The label as drawn; dict keys are rendered by the caller from the key's repr.
    pub fn text(&self, key_repr: impl Fn(u32) -> String) -> String {
        match self {
            Label::Index(i) => format!("[{i}]"),
            Label::Key(k) => format!("[{}]", key_repr(*k)),
            Label::Attr(a) => format!(".{a}"),
        }
    }
}

impl Event {
    pub fn to_json(&self) -> EventJson<'_> {
        match self {
            Event::Step { .. } => EventJson::Line,
            Event::Alloc { id, ty, repr, internal, immortal } => {
                EventJson::Alloc { id: *id, ty, repr: repr.as_deref(), internal: *internal, immortal: *immortal }
            }
            Event::Refcount { id, from, to } => EventJson::Refcount { id: *id, from: *from, to: *to },
            Event::Constant { id } => EventJson::Constant { id: *id },
            Event::Free { id, ty, cause } => EventJson::Free { id: *id, ty, cause: *cause },
            Event::Bind { frame, name, id, repr } => {
                EventJson::Bind { frame: *frame, name, id: *id, repr: repr.as_deref() }
            }
            Event::FramePush { frame, name } => EventJson::FramePush { frame: *frame, name },
            Event::FramePop { frame } => EventJson::FramePop { frame: *frame },
            Event::Stdout { text } => EventJson::Stdout { text },
            Event::ListInsert { id, index, item } => EventJson::ListInsert { id: *id, index: *index, item: *item },
            Event::ListRemove { id, index } => EventJson::ListRemove { id: *id, index: *index },
            Event::ListSet { id, index, item } => EventJson::ListSet { id: *id, index: *index, item: *item },
            Event::Items { id, items } => EventJson::Items {
                id: *id,
                items: items.iter().map(|(l, t)| (l.text(|k| format!("#{k}")), *t)).collect(),
            },
            Event::DictSet { id, key, value } => EventJson::DictSet { id: *id, key: *key, value: *value },
            Event::DictRemove { id, key } => EventJson::DictRemove { id: *id, key: *key },
            Event::Tracked { id, tracked, generation } => {
                EventJson::Tracked { id: *id, tracked: *tracked, generation: *generation }
            }
            Event::GcCount { count } => EventJson::GcCount { count: *count },
            Event::GcConfig { enabled, threshold } => EventJson::GcConfig { enabled: *enabled, threshold: *threshold },
            Event::GcStart { generation, reason } => EventJson::GcStart { generation: *generation, reason },
            Event::GcEnd { collected, uncollectable } => {
                EventJson::GcEnd { collected: *collected, uncollectable: *uncollectable }
            }
            Event::GcPhase(p) => EventJson::GcPhase {
                phase: p.phase,
                total: p.total,
                gc_refs: &p.gc_refs,
                internal: &p.internal,
                marked: &p.marked,
                marked_total: p.marked_total,
            },
            Event::GcPromote { upto, to } => EventJson::GcPromote { upto: *upto, to: *to },
            Event::GcUnfreeze => EventJson::GcUnfreeze {},
        }
    }
}
