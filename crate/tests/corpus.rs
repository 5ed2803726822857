//! The CPython differential corpus: every case runs through `gcplay run`
//! under each profile and must print what real CPython printed (stdout, exit
//! status and stderr, tracebacks included, with only object addresses
//! masked), as recorded in `tests/corpus/golden/<profile>/NAME.json`. The
//! cases are the programs in `tests/corpus/cases` and the example gallery
//! `www/src/gallery` (see `SOURCES`).
//!
//! `tests/corpus/passing.txt` lists the cases the interpreter is known to
//! reproduce; each of those must pass under both profiles. The run reports the
//! others, and `GCPLAY_UPDATE_PASSING=1` rewrites the list from the results.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::mask_addresses;

use serde::Deserialize;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[derive(Deserialize)]
struct Golden {
    stdout: String,
    stderr: String,
    exit: i32,
}

/// (directory from the repository root, case name prefix): each `FILE.py` in
/// the directory is the case `PREFIX` + `FILE`, as in `tests/corpus/record.py`.
const SOURCES: [(&str, &str); 2] = [("tests/corpus/cases", ""), ("www/src/gallery", "gallery_")];

fn repo_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// One corpus case: its name, the directory it runs in and its file there.
struct Case {
    name: String,
    dir: PathBuf,
    file: String,
}

fn list_cases() -> Vec<Case> {
    let mut cases = Vec::new();
    for (dir, prefix) in SOURCES {
        let dir = repo_dir().join(dir);
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{dir:?}: {e}")) {
            let file = entry.expect("directory entry").file_name().to_string_lossy().into_owned();
            if let Some(stem) = file.strip_suffix(".py") {
                cases.push(Case { name: format!("{prefix}{stem}"), dir: dir.clone(), file });
            }
        }
    }
    cases.sort_by(|a, b| a.name.cmp(&b.name));
    cases
}

/// Run one case through the CLI with a time limit; None if it did not finish.
fn run_case(case: &Case, python: &str) -> Option<(String, String, i32)> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gcplay"))
        .args(["run", &case.file, "--python", python])
        .current_dir(&case.dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn gcplay");
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let reader = std::thread::spawn(move || {
        let mut o = Vec::new();
        let mut e = Vec::new();
        let _ = out.read_to_end(&mut o);
        let _ = err.read_to_end(&mut e);
        (o, e)
    });
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break Some(s);
        }
        if start.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let (o, e) = reader.join().expect("reader");
    let status = status?;
    Some((
        String::from_utf8_lossy(&o).into_owned(),
        String::from_utf8_lossy(&e).into_owned(),
        status.code().unwrap_or(-1),
    ))
}

#[test]
fn corpus_matches_cpython() {
    let dir = repo_dir().join("tests/corpus");
    let cases = list_cases();
    let names: Vec<String> = cases.iter().map(|c| c.name.clone()).collect();
    assert!(!names.is_empty(), "no corpus cases found");
    let passing_path = dir.join("passing.txt");
    let listed: Vec<String> = std::fs::read_to_string(&passing_path)
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect();

    let mut passing = Vec::new();
    let mut regressions = Vec::new();
    for case in &cases {
        let name = &case.name;
        let mut ok = true;
        let mut why = String::new();
        for python in ["3.13", "3.12"] {
            let golden_path = dir.join("golden").join(python).join(format!("{name}.json"));
            let golden: Golden = serde_json::from_str(
                &std::fs::read_to_string(&golden_path).unwrap_or_else(|_| panic!("missing golden {golden_path:?}")),
            )
            .expect("golden json");
            match run_case(case, python) {
                None => {
                    ok = false;
                    why = format!("{python}: did not finish in time");
                }
                Some((stdout, stderr, exit)) => {
                    if stdout != golden.stdout {
                        ok = false;
                        why = format!("{python}: stdout differs\n--- cpython\n{}--- gcplay\n{}", golden.stdout, stdout);
                    } else if exit != golden.exit {
                        ok = false;
                        why = format!("{python}: exit {exit}, cpython {}\n{stderr}", golden.exit);
                    } else if mask_addresses(&stderr) != mask_addresses(&golden.stderr) {
                        ok = false;
                        why = format!("{python}: stderr differs\n--- cpython\n{}--- gcplay\n{}", golden.stderr, stderr);
                    }
                }
            }
            if !ok {
                break;
            }
        }
        if ok {
            passing.push(name.clone());
        } else if listed.contains(name) {
            regressions.push(format!("{name}: {why}"));
        }
    }
    eprintln!("corpus: {} of {} cases match CPython 3.13 and 3.12", passing.len(), names.len());
    if std::env::var_os("GCPLAY_UPDATE_PASSING").is_some() {
        let mut text = String::from(
            "# Corpus cases gcplay reproduces exactly under both profiles (tests/corpus.rs).\n\
             # Regenerate with GCPLAY_UPDATE_PASSING=1 cargo test --test corpus.\n",
        );
        for n in &passing {
            text.push_str(n);
            text.push('\n');
        }
        std::fs::write(&passing_path, text).expect("write passing.txt");
    }
    let unlisted: Vec<&String> = listed.iter().filter(|n| !names.contains(n)).collect();
    assert!(unlisted.is_empty(), "passing.txt names cases that do not exist: {unlisted:?}");
    assert!(regressions.is_empty(), "cases listed as passing now fail:\n{}", regressions.join("\n\n"));
}
