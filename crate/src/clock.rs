//! The clock `time.perf_counter()` reads. Native builds use the monotonic
//! clock; a host without one (wasm in a browser) installs its own source.

use std::cell::Cell;

thread_local! {
    static SOURCE: Cell<Option<fn() -> f64>> = const { Cell::new(None) };
}

/// Install the host's clock (seconds, monotonic).
pub fn set_source(f: fn() -> f64) {
    SOURCE.with(|s| s.set(Some(f)));
}

pub fn now_seconds() -> f64 {
    if let Some(f) = SOURCE.with(|s| s.get()) {
        return f();
    }
    native()
}

#[cfg(not(target_arch = "wasm32"))]
fn native() -> f64 {
    use std::sync::OnceLock;
    use std::time::Instant;
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_secs_f64()
}

#[cfg(target_arch = "wasm32")]
fn native() -> f64 {
    0.0
}
