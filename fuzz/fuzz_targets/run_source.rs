//! Any text as a program: run through the public API with small limits and
//! the trace on, then everything the page asks of a finished run (summary,
//! snapshots of the first, middle and last steps and past the end, the
//! timeline, the events). Whatever the text, this must end without a panic,
//! an abort or a native stack overflow, and the outcome must be coherent.
//!
//! Input: one byte choosing the profile (low bit: 0 for 3.13, 1 for 3.12),
//! then the source text (inputs that are not UTF-8 are skipped).
#![no_main]

use gcplay::profile::Python;
use gcplay::session::Session;
use gcplay::Options;
use libfuzzer_sys::fuzz_target;

/// Small limits, so a runaway program ends in a fraction of a second.
const MAX_STEPS: u64 = 10_000;
const MAX_OBJECTS: usize = 100_000;
const MAX_EVENTS: usize = 1_000_000;

fuzz_target!(|data: &[u8]| {
    let Some((&profile, text)) = data.split_first() else { return };
    let Ok(src) = std::str::from_utf8(text) else { return };
    let python = if profile & 1 == 0 { Python::P313 } else { Python::P312 };
    let src = src.to_owned();
    // the native stack the CLI gives the interpreter
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || explore(&src, python))
        .expect("start the interpreter thread")
        .join()
        .expect("no panic");
});

fn explore(src: &str, python: Python) {
    let opts = Options {
        python,
        max_steps: MAX_STEPS,
        trace: true,
        filename: "<fuzz>".into(),
        check: false,
        max_objects: MAX_OBJECTS,
        max_events: MAX_EVENTS,
    };
    let mut session = Session::start(src, &opts);
    let summary = session.summary();
    assert!(summary.exit_code == 0 || summary.exit_code == 1, "exit status {}", summary.exit_code);
    assert_eq!(summary.exit_code == 0, summary.error.is_none(), "an error exactly when the exit status is 1");
    serde_json::to_writer(std::io::sink(), &summary).expect("summary as JSON");
    let steps = session.steps();
    assert!(steps >= 1, "step 0, the state before the program, always exists");
    for step in [0, steps / 2, steps - 1, steps] {
        serde_json::to_writer(std::io::sink(), &session.snapshot(step)).expect("snapshot as JSON");
    }
    let timeline = session.timeline();
    assert_eq!(timeline.live.len(), steps);
    assert_eq!(timeline.marks.len(), steps);
    assert!(timeline.output.iter().all(|&(step, _)| (step as usize) < steps));
    serde_json::to_writer(std::io::sink(), &session.events()).expect("events as JSON");
    session.trace_stats();
}
