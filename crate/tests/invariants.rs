//! Heap invariants over the corpus and over random programs: every count
//! equals the references that exist, nothing refers to a freed object, the
//! generation lists match the tracked flags, and after a full collection
//! every live object is reachable from the roots (a separate, simple marker).
#![cfg(not(target_arch = "wasm32"))]

use gcplay::{run, Options};
use proptest::prelude::*;

#[test]
fn corpus_programs_keep_the_refcount_invariant() {
    // debug builds use far more stack per native frame than release ones
    std::thread::Builder::new().stack_size(256 << 20).spawn(corpus_check).unwrap().join().unwrap();
}

fn corpus_check() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus/cases");
    let mut names: Vec<_> = std::fs::read_dir(&dir).unwrap().filter_map(|e| e.ok()).map(|e| e.path()).collect();
    names.sort();
    let mut failures = Vec::new();
    for path in names {
        let src = std::fs::read_to_string(&path).unwrap();
        for python in [gcplay::profile::Python::P313, gcplay::profile::Python::P312] {
            let out = run(&src, &Options { python, trace: false, check: true, ..Options::default() });
            // only the counts and links: corpus programs may leave cycles behind
            let bad: Vec<&String> = out.problems.iter().filter(|p| !p.contains("unreachable")).collect();
            if !bad.is_empty() {
                failures.push(format!("{} ({:?}): {:?}", path.display(), python, &bad[..bad.len().min(3)]));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// One statement of a random program over five names a..e.
fn statement() -> impl Strategy<Value = String> {
    let name = prop::sample::select(vec!["a", "b", "c", "d", "e"]);
    let other = prop::sample::select(vec!["a", "b", "c", "d", "e"]);
    (0..9u8, name, other).prop_map(|(k, x, y)| match k {
        0 => format!("{x} = []"),
        1 => format!("{x} = {{}}"),
        2 => format!("{x} = C()"),
        3 => format!("{x} = ({x}, {y})"),
        4 => format!("if type({x}) is list: {x}.append({y})"),
        5 => format!("if type({x}) is dict: {x}['k'] = {y}"),
        6 => format!("if type({x}) is C: {x}.f = {y}"),
        7 => format!("{x} = None"),
        _ => "gc.collect(0)".to_string(),
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn random_graphs_keep_every_invariant(stmts in prop::collection::vec(statement(), 1..40)) {
        let mut src = String::from(
            "import gc\nclass C:\n    def __del__(self):\n        if getattr(self, 'done', False):\n            print('finalized twice')\n        self.done = True\n        self.f = None\na = b = c = d = e = None\n",
        );
        for s in &stmts {
            src.push_str(s);
            src.push('\n');
        }
        src.push_str("a = b = c = d = e = None\ngc.collect()\n");
        let out = run(&src, &Options { trace: false, check: true, ..Options::default() });
        prop_assert_eq!(out.exit_code, 0, "{}", out.stderr);
        prop_assert!(!out.stdout.contains("finalized twice"), "{}", src);
        prop_assert!(out.problems.is_empty(), "{}\n{:?}", src, out.problems);
    }
}
