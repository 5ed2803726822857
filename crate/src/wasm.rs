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

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = JSON, js_name = parse)]
    fn json_parse(text: &str) -> JsValue;

    /// `options[key]`; throws (`Err`) when `options` is not an object.
    #[wasm_bindgen(js_namespace = Reflect, js_name = get, catch)]
    fn reflect_get(target: &JsValue, key: &str) -> Result<JsValue, JsValue>;
}

/// An option of `run`: `None` when missing, undefined or null.
fn option(options: &JsValue, key: &str) -> Result<Option<JsValue>, JsError> {
    if options.is_undefined() || options.is_null() {
        return Ok(None);
    }
    let v = reflect_get(options, key).map_err(|_| JsError::new("options must be an object"))?;
    Ok(if v.is_undefined() || v.is_null() { None } else { Some(v) })
}

/// A value as JSON text, parsed by the host: the page sees the shapes the
/// CLI prints. serde_json writes into one buffer and `JSON.parse` builds the
/// objects; serde-wasm-bindgen, which called into JavaScript for every field,
/// took more code (docs/size.md).
fn to_js<T: Serialize>(v: &T) -> Result<JsValue, JsError> {
    let text = serde_json::to_string(v).map_err(|e| JsError::new(&e.to_string()))?;
    Ok(json_parse(&text))
}

#[wasm_bindgen]
pub struct Session {
    inner: CoreSession,
}

/// Run a program and keep its trace for exploring.
#[wasm_bindgen]
pub fn run(code: &str, options: JsValue) -> Result<Session, JsError> {
    // The options are read field by field (no serde-wasm-bindgen, docs/size.md).
    let python = match option(&options, "python")? {
        None => Python::P313,
        Some(p) => p
            .as_string()
            .as_deref()
            .and_then(Python::parse)
            .ok_or_else(|| JsError::new("python must be \"3.13\" or \"3.12\""))?,
    };
    let max_steps = match option(&options, "maxSteps")? {
        None => DEFAULT_MAX_STEPS,
        Some(n) => n.as_f64().ok_or_else(|| JsError::new("maxSteps must be a number"))?.clamp(1.0, 1e12) as u64,
    };
    // Record the trace (default); false runs the program only, as `gcplay run` does.
    let trace = match option(&options, "trace")? {
        None => true,
        Some(t) => t.as_bool().ok_or_else(|| JsError::new("trace must be a boolean"))?,
    };
    crate::clock::set_source(host_clock);
    let opts = Options {
        python,
        max_steps,
        trace,
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
