//! The wasm binding: a thin layer from JavaScript to `Session`.

use crate::profile::Python;
use crate::session::Session as CoreSession;
use crate::{Options, DEFAULT_MAX_STEPS};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Talc instead of Rust's default dlmalloc: smaller and faster on the
/// allocation churn an interpreter makes (docs/size.md).
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[derive(serde::Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct RunOptions {
    python: Option<String>,
    max_steps: Option<f64>,
    /// Record the trace (default); false runs the program only, as `gcplay run` does.
    trace: Option<bool>,
}

#[wasm_bindgen]
extern "C" {
    /// The host's monotonic clock in milliseconds (window or worker, and node).
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

/// `time.perf_counter()` in seconds: real elapsed time, from the host's clock.
fn host_clock() -> f64 {
    performance_now() / 1000.0
}

/// Serialize maps as plain JS objects, so the page sees ordinary JSON shapes.
fn to_js<T: Serialize>(v: &T) -> Result<JsValue, JsError> {
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    v.serialize(&ser).map_err(|e| JsError::new(&e.to_string()))
}

#[wasm_bindgen]
pub struct Session {
    inner: CoreSession,
}

/// Run a program and keep its trace for exploring.
#[wasm_bindgen]
pub fn run(code: &str, options: JsValue) -> Result<Session, JsError> {
    let o: RunOptions = if options.is_undefined() || options.is_null() {
        RunOptions::default()
    } else {
        serde_wasm_bindgen::from_value(options).map_err(|e| JsError::new(&e.to_string()))?
    };
    let python = match o.python.as_deref() {
        None => Python::P313,
        Some(p) => Python::parse(p).ok_or_else(|| JsError::new("python must be \"3.13\" or \"3.12\""))?,
    };
    crate::clock::set_source(host_clock);
    let max_steps = o.max_steps.map(|n| n.clamp(1.0, 1e12) as u64).unwrap_or(DEFAULT_MAX_STEPS);
    let opts = Options {
        python,
        max_steps,
        trace: o.trace.unwrap_or(true),
        filename: "<playground>".into(),
        check: false,
        max_objects: crate::vm::MAX_OBJECTS,
        max_events: crate::vm::MAX_EVENTS,
    };
    Ok(Session { inner: CoreSession::start(code, &opts) })
}

#[wasm_bindgen]
impl Session {
    pub fn summary(&self) -> Result<JsValue, JsError> {
        to_js(&self.inner.summary())
    }

    pub fn snapshot(&mut self, step: u32) -> Result<JsValue, JsError> {
        to_js(&self.inner.snapshot(step as usize))
    }

    /// How big the trace is: `{events, bytes}` (for the benchmarks).
    #[wasm_bindgen(js_name = traceStats)]
    pub fn trace_stats(&self) -> Result<JsValue, JsError> {
        to_js(&self.inner.trace_stats())
    }

    pub fn events(&self) -> Result<JsValue, JsError> {
        to_js(&self.inner.events())
    }

    /// Per step: objects alive, and bits for what happened (see `timeline.rs`);
    /// typed arrays, as a long run has hundreds of thousands of steps.
    pub fn timeline(&self) -> Timeline {
        let t = self.inner.timeline();
        Timeline {
            live: t.live,
            marks: t.marks,
            output: t.output.into_iter().flat_map(|(step, end)| [step, end]).collect(),
        }
    }
}

#[wasm_bindgen(getter_with_clone)]
pub struct Timeline {
    pub live: Vec<u32>,
    pub marks: Vec<u8>,
    /// Pairs: step, length of stdout after that write (UTF-16 units).
    pub output: Vec<u32>,
}

/// The core's version, for the page's about line.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
