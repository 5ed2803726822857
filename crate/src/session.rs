//! A finished run the view can explore: its summary, and the heap at any step.

use crate::profile::Profile;
use crate::replay::{located, Replayer, Snapshot};
use crate::source::LineIndex;
use crate::timeline::Timeline;
use crate::trace::Located;
use crate::{run, ErrorInfo, Options, Outcome};
use serde::Serialize;

#[derive(Serialize)]
pub struct Summary<'a> {
    pub steps: usize,
    pub stdout: &'a str,
    pub stderr: &'a str,
    #[serde(rename = "exitCode")]
    pub exit_code: i32,
    pub error: Option<&'a ErrorInfo>,
    pub python: &'static str,
}

#[derive(Serialize)]
pub struct TraceStats {
    pub events: usize,
    pub bytes: usize,
}

pub struct Session {
    pub outcome: Outcome,
    lines: LineIndex,
    replayer: Replayer,
}

impl Session {
    pub fn start(src: &str, opts: &Options) -> Session {
        let mut outcome = run(src, opts);
        // the trace is complete: give back what its growth left over
        outcome.trace.events.shrink_to_fit();
        let profile = Profile::new(opts.python);
        let mut replayer = Replayer::new(profile.threshold, profile.startup_count);
        replayer.prepare(&outcome.trace);
        // the text run() ran, its line breaks made "\n"
        Session { lines: LineIndex::new(&outcome.source), replayer, outcome }
    }

    pub fn steps(&self) -> usize {
        self.outcome.trace.steps()
    }

    pub fn summary(&self) -> Summary<'_> {
        let o = &self.outcome;
        Summary {
            steps: o.trace.steps(),
            stdout: &o.stdout,
            stderr: &o.stderr,
            exit_code: o.exit_code,
            error: o.error.as_ref(),
            python: o.python.as_str(),
        }
    }

    pub fn snapshot(&mut self, step: usize) -> Snapshot<'_> {
        self.replayer.snapshot(&self.outcome.trace, step, &self.outcome.source, &self.lines)
    }

    pub fn timeline(&self) -> Timeline {
        Timeline::of(&self.outcome.trace)
    }

    /// The trace's size: events, and the bytes it holds (events and what
    /// seeking keeps to move fast).
    pub fn trace_stats(&self) -> TraceStats {
        TraceStats {
            events: self.outcome.trace.events.len(),
            bytes: self.outcome.trace.heap_bytes() + self.replayer.checkpoint_bytes() + self.outcome.stdout.len(),
        }
    }

    pub fn events(&self) -> Vec<Located<'_>> {
        (0..self.steps()).flat_map(|s| located(&self.outcome.trace, s)).collect()
    }
}
