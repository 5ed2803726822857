//! The adversarial corpus (tests/adversarial): programs meant to break the
//! playground. Each must end — by its own output, a Python error or a limit —
//! with what its header expects, from the CLI as a process that exits normally,
//! and leave a heap whose invariants hold.

mod common;
use common::mask_addresses;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc;
use std::time::Duration;

/// The page's step budget is larger; this one keeps the endless cases short.
const MAX_STEPS: &str = "500000";
/// Only a hang detector: a case that ends at all ends in well under this.
const HANG: Duration = Duration::from_secs(300);

struct Expect {
    exit: i32,
    stdout: Vec<String>,
    stdout_ends: Option<String>,
    stderr_ends: Option<String>,
    stderr_has: Vec<String>,
    /// Run traced with this event budget too: the run must stop at it.
    traced_max_events: Option<usize>,
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/adversarial")
}

fn header(src: &str) -> Expect {
    let mut e = Expect {
        exit: 0,
        stdout: Vec::new(),
        stdout_ends: None,
        stderr_ends: None,
        stderr_has: Vec::new(),
        traced_max_events: None,
    };
    for line in src.lines().take_while(|l| l.starts_with('#')) {
        let line = line.trim_start_matches('#').trim_start();
        if let Some(v) = line.strip_prefix("exit: ") {
            e.exit = v.trim().parse().expect("exit status");
        } else if let Some(v) = line.strip_prefix("stdout: ") {
            e.stdout.push(v.to_string());
        } else if let Some(v) = line.strip_prefix("stdout-ends: ") {
            e.stdout_ends = Some(v.to_string());
        } else if let Some(v) = line.strip_prefix("stderr-ends: ") {
            e.stderr_ends = Some(v.to_string());
        } else if let Some(v) = line.strip_prefix("stderr-has: ") {
            e.stderr_has.push(v.to_string());
        } else if let Some(v) = line.strip_prefix("traced-max-events: ") {
            e.traced_max_events = Some(v.trim().parse().expect("event budget"));
        }
    }
    e
}

fn run_cli(path: &Path) -> (i32, String, String) {
    let (tx, rx) = mpsc::channel();
    let path = path.to_path_buf();
    std::thread::spawn(move || {
        let out = Command::new(env!("CARGO_BIN_EXE_gcplay"))
            .args(["run", "--max-steps", MAX_STEPS])
            .arg(path.file_name().unwrap())
            .current_dir(path.parent().unwrap())
            .output()
            .expect("gcplay runs");
        let _ = tx.send(out);
    });
    let out = rx.recv_timeout(HANG).expect("the case hung");
    let code = out.status.code().expect("exited normally, not by a signal");
    (code, String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

#[test]
fn adversarial_cases_end_as_expected() {
    // the same native stack the CLI gives the interpreter
    std::thread::Builder::new().stack_size(256 << 20).spawn(check_all).unwrap().join().unwrap();
}

fn check_all() {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir())
        .expect("tests/adversarial")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 15, "the corpus is there: {}", paths.len());
    let mut failures = Vec::new();
    for path in &paths {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let src = std::fs::read_to_string(path).expect("utf-8 source");
        let want = header(&src);
        let (code, stdout, stderr) = run_cli(path);
        let stderr = mask_addresses(&stderr);
        let mut problems = Vec::new();
        if code != want.exit {
            problems.push(format!("exit {code}, expected {}", want.exit));
        }
        let lines: Vec<&str> = stdout.lines().collect();
        if !want.stdout.is_empty() && lines != want.stdout {
            problems.push(format!("stdout {lines:?}, expected {:?}", want.stdout));
        }
        if let Some(end) = &want.stdout_ends {
            if lines.last() != Some(&end.as_str()) {
                problems.push(format!("stdout ends {:?}, expected {end:?}", lines.last()));
            }
        }
        if let Some(end) = &want.stderr_ends {
            if stderr.lines().last() != Some(end.as_str()) {
                problems.push(format!("stderr ends {:?}, expected {end:?}", stderr.lines().last()));
            }
        }
        for has in &want.stderr_has {
            if !stderr.lines().any(|l| l.contains(has.as_str())) {
                problems.push(format!("stderr lacks {has:?}"));
            }
        }
        // the heap afterwards, in-process: every count equals its references
        // (garbage a stopped program had not collected yet may remain)
        let opts = gcplay::Options { trace: false, check: true, max_steps: 500_000, ..gcplay::Options::default() };
        let outcome = gcplay::run(&src, &opts);
        let broken: Vec<&String> =
            outcome.problems.iter().filter(|p| !p.ends_with("is alive but unreachable")).collect();
        if !broken.is_empty() {
            problems.push(format!("heap invariants: {:?}", &broken[..broken.len().min(3)]));
        }
        // traced, as the page runs it, with a small event budget
        if let Some(max_events) = want.traced_max_events {
            let opts = gcplay::Options { max_steps: 500_000, max_events, ..gcplay::Options::default() };
            let traced = gcplay::run(&src, &opts);
            let stopped = traced.error.as_ref().is_some_and(|e| {
                e.kind == gcplay::ErrorKind::Limit && e.message.contains(&format!("trace passed {max_events} events"))
            });
            if !stopped {
                problems.push(format!("traced with {max_events} events: not stopped by the trace budget"));
            }
        }
        if !problems.is_empty() {
            failures.push(format!("{name}: {}", problems.join("; ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
