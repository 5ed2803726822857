//! gcplay's core: a model of CPython's reference counting and cycle
//! collector. One way through: source → parse → compile → run (heap and
//! collector emit events) → trace → snapshots for the view.
//!
//! The core knows nothing of wasm or the DOM; `wasm.rs` is a thin binding.

pub mod clock;
pub mod code;
pub mod compile;
pub mod dict;
pub mod gc;
pub mod hash;
pub mod heap;
pub mod object;
pub mod profile;
pub mod replay;
pub mod session;
pub mod source;
pub mod startup;
pub mod symtable;
pub mod timeline;
pub mod trace;
pub mod vm;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

use profile::{Profile, Python};
use serde::Serialize;
use source::{LineIndex, Span};
use std::rc::Rc;
use trace::Trace;
use vm::Vm;

/// How to run a program.
#[derive(Clone, Debug)]
pub struct Options {
    pub python: Python,
    /// Statements executed before the run is stopped.
    pub max_steps: u64,
    /// Record the trace (the page needs it; `gcplay run` does not).
    pub trace: bool,
    /// The file name tracebacks show.
    pub filename: String,
    /// Check the heap's invariants when the program ends (tests): counts equal the
    /// references that exist, and (for programs that end with a full collection)
    /// every live object is reachable. With the `check` feature (the fuzzer's),
    /// also before every statement.
    pub check: bool,
    /// Live objects before MemoryError.
    pub max_objects: usize,
    /// Trace events before a traced run is stopped.
    pub max_events: usize,
}

/// The default step budget: a runaway loop stops within a few seconds.
pub const DEFAULT_MAX_STEPS: u64 = 20_000_000;

impl Default for Options {
    fn default() -> Self {
        Options {
            python: Python::P313,
            max_steps: DEFAULT_MAX_STEPS,
            trace: true,
            filename: "<stdin>".into(),
            check: false,
            max_objects: vm::MAX_OBJECTS,
            max_events: vm::MAX_EVENTS,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum ErrorKind {
    SyntaxError,
    NotSupported,
    Exception,
    Limit,
}

/// Why a program did not finish normally.
#[derive(Clone, Debug, Serialize)]
pub struct ErrorInfo {
    pub kind: ErrorKind,
    #[serde(rename = "type")]
    pub ty: String,
    pub message: String,
    #[serde(flatten)]
    pub span: Span,
}

/// Everything a run produced.
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    pub exit_code: i32,
    pub error: Option<ErrorInfo>,
    pub trace: Trace,
    pub python: Python,
    pub source: Rc<str>,
    /// Invariant violations found when `Options::check` is set (none is the only good answer).
    pub problems: Vec<String>,
}

/// Parse, compile and run a program.
pub fn run(src: &str, opts: &Options) -> Outcome {
    let src = &*source::universal_newlines(src);
    let source: Rc<str> = src.into();
    let lines = LineIndex::new(src);
    let mut out = Outcome {
        stdout: String::new(),
        stderr: String::new(),
        exit_code: 0,
        error: None,
        trace: Trace::new(),
        python: opts.python,
        source: source.clone(),
        problems: Vec::new(),
    };
    if let Some(at) = src.find('\0') {
        // CPython's tokenizer refuses it first: the line up to the NUL, no caret
        let span = lines.span(src, at as u32, at as u32 + 1);
        let before = &src[src[..at].rfind('\n').map_or(0, |i| i + 1)..at];
        let message = "source code cannot contain null bytes".to_string();
        out.stderr = format!(
            "  File \"{}\", line {}\n    {}\nSyntaxError: {message}\n",
            opts.filename,
            span.line,
            before.trim()
        );
        out.exit_code = 1;
        out.error = Some(ErrorInfo { kind: ErrorKind::SyntaxError, ty: "SyntaxError".into(), message, span });
        return out;
    }
    let parsed = match source::parse_as(src, opts.python) {
        Ok(p) => p,
        Err(e) => return located_error(out, opts, src, &lines, e),
    };
    let code = match compile::compile_module(parsed.syntax(), src, &lines, opts.python) {
        Ok(c) => c,
        Err(e) if e.syntax => {
            // CPython's compiler and symtable errors: a SyntaxError at the statement or name
            let err = source::SyntaxErr::compiler(src, &e.message, e.start, e.end);
            return located_error(out, opts, src, &lines, err);
        }
        Err(e) => {
            let span = lines.span(src, e.start, e.end);
            out.stderr = format_located(&opts.filename, src, &lines, span, "NotSupported", &e.message);
            out.exit_code = 1;
            out.error =
                Some(ErrorInfo { kind: ErrorKind::NotSupported, ty: "NotSupported".into(), message: e.message, span });
            return out;
        }
    };
    let mut vm = Vm::new(Profile::new(opts.python), source.clone(), opts.filename.as_str().into(), opts.trace);
    startup::compile(&mut vm.gc, &parsed, &code, src, &lines, &vm.profile);
    vm.max_steps = opts.max_steps;
    vm.max_objects = opts.max_objects;
    vm.max_events = opts.max_events;
    #[cfg(feature = "check")]
    {
        vm.check_steps = opts.check;
    }
    let result = vm.run_module(code);
    if let Err(e) = result {
        let report = vm.report_uncaught(e);
        let refused = report.limit && report.ty == "NotSupported";
        let kind = match (refused, report.limit) {
            (true, _) => ErrorKind::NotSupported,
            (_, true) => ErrorKind::Limit,
            _ => ErrorKind::Exception,
        };
        let span = report.span.map(|(a, b)| lines.span(src, a, b)).unwrap_or_default();
        // a refusal at run time is shown as one at compile time: where, and what
        let text = if refused {
            format_located(&opts.filename, src, &lines, span, "NotSupported", &report.message)
        } else {
            report.stderr
        };
        out.stderr = std::mem::take(&mut vm.stderr) + &text;
        out.exit_code = 1;
        out.error = Some(ErrorInfo { kind, ty: report.ty, message: report.message, span });
    } else {
        out.stderr = std::mem::take(&mut vm.stderr);
    }
    // the page never checks: the checker stays out of its wasm
    if opts.check && cfg!(not(target_arch = "wasm32")) {
        out.problems = vm.check_heap();
        out.problems.extend(vm.unreachable_objects());
        #[cfg(feature = "check")]
        out.problems.append(&mut vm.step_problems);
    }
    vm.shutdown();
    out.stderr.push_str(&std::mem::take(&mut vm.stderr));
    vm.finish();
    out.stdout = std::mem::take(&mut vm.stdout);
    out.trace = std::mem::take(&mut vm.trace);
    out
}

/// A program that does not compile: CPython's SyntaxError (IndentationError,
/// TabError) as the profile's version prints it, or gcplay's refusal.
fn located_error(mut out: Outcome, opts: &Options, src: &str, lines: &LineIndex, e: source::SyntaxErr) -> Outcome {
    let span = lines.span(src, e.start, e.end);
    let kind = if e.not_supported { ErrorKind::NotSupported } else { ErrorKind::SyntaxError };
    out.stderr = if e.not_supported {
        format_located(&opts.filename, src, lines, span, "NotSupported", &e.message)
    } else {
        e.render(&opts.filename, src, opts.python)
    };
    out.exit_code = 1;
    out.error = Some(ErrorInfo { kind, ty: e.type_name().into(), message: e.message, span });
    out
}

/// A located refusal (or the nesting limits), in CPython's layout.
fn format_located(filename: &str, src: &str, lines: &LineIndex, span: Span, ty: &str, msg: &str) -> String {
    let text = lines.line_text(src, span.line.max(1));
    let stripped = text.trim_start();
    let indent = (text.chars().count() - stripped.chars().count()) as u32;
    let width = if span.end_line == span.line { (span.end_col.saturating_sub(span.col)).max(1) } else { 1 };
    format!(
        "  File \"{filename}\", line {}\n    {}\n    {}{}\n{ty}: {msg}\n",
        span.line.max(1),
        stripped.trim_end(),
        " ".repeat(span.col.saturating_sub(indent) as usize),
        "^".repeat(width as usize)
    )
}
