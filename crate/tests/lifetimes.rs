//! Object lifetimes as the trace records them: who is freed, when, and why.

use gcplay::trace::{Cause, Event};
use gcplay::{run, Options};

/// (line, type, cause) of each free of the program's steps.
fn frees(src: &str) -> Vec<(u32, String, Cause)> {
    let out = run(src, &Options::default());
    assert_eq!(out.exit_code, 0, "{}", out.stderr);
    let mut v = Vec::new();
    // the program's own steps; the last one (line 0) is interpreter exit
    for step in 0..out.trace.steps() {
        if out.trace.step_lines[step] == 0 {
            continue;
        }
        for e in out.trace.step_events(step) {
            if let Event::Free { ty, cause, .. } = e {
                v.push((out.trace.step_lines[step], ty.to_string(), *cause));
            }
        }
    }
    v
}

#[test]
fn del_frees_a_list_at_once() {
    assert_eq!(frees("lst = []\ndel lst\n"), vec![(2, "list".to_string(), Cause::Refcount)]);
}

#[test]
fn a_dict_cycle_waits_for_the_collector() {
    let src = "import gc\na = {}\nb = {}\na['b'] = b\nb['a'] = a\ndel a, b\nprint(gc.collect())\n";
    // (print's argument tuple is freed too, into the tuple free list)
    let f: Vec<_> = frees(src).into_iter().filter(|(_, ty, _)| ty != "tuple").collect();
    assert_eq!(f.len(), 2);
    // freed by the collection that line 7 runs (in its delete_garbage phase)
    assert!(f.iter().all(|(line, ty, cause)| *line == 7 && ty == "dict" && *cause == Cause::Gc), "{f:?}");
    assert_eq!(run(src, &Options::default()).stdout, "2\n");
}

#[test]
fn a_list_frees_its_items_last_to_first() {
    let src = "x = [[1000], [2000]]\ndel x\n";
    let out = run(src, &Options::default());
    let order: Vec<u32> = out
        .trace
        .step_events(2)
        .iter()
        .filter_map(|e| if let Event::Free { id, .. } = e { Some(*id) } else { None })
        .collect();
    // the outer list, then the second inner list, then the first (the ints are constants and live on)
    assert_eq!(order.len(), 3);
    assert!(order[0] > order[1] && order[1] > order[2], "items are freed in reverse: {order:?}");
}

#[test]
fn refcount_events_show_the_drop_to_zero() {
    let out = run("a = []\nb = a\ndel a\ndel b\n", &Options::default());
    let last: Vec<String> = out
        .trace
        .step_events(4)
        .iter()
        .filter_map(|e| match e {
            Event::Refcount { from, to, .. } => Some(format!("{from}->{to}")),
            _ => None,
        })
        .collect();
    assert_eq!(last, vec!["1->0"]);
}

#[test]
fn a_deep_structure_is_freed_without_deep_recursion() {
    // 200,000 nested lists: freeing them recurses at most to the trashcan's depth.
    let src = "x = []\nfor i in range(200000):\n    x = [x]\ndel x\nprint('ok')\n";
    let out = run(src, &Options { trace: false, ..Options::default() });
    assert_eq!(out.stdout, "ok\n", "{}", out.stderr);
}

#[test]
fn the_step_budget_stops_a_runaway_loop() {
    let out = run("while True:\n    pass\n", &Options { max_steps: 10_000, trace: false, ..Options::default() });
    assert_eq!(out.exit_code, 1);
    assert!(out.stderr.contains("10000 steps"), "{}", out.stderr);
}

#[test]
fn unsupported_syntax_is_refused_before_running() {
    let out = run("print(1)\nwith open('f') as f:\n    pass\n", &Options::default());
    assert_eq!(out.exit_code, 1);
    assert_eq!(out.stdout, "", "nothing runs");
    assert!(out.stderr.contains("not supported"), "{}", out.stderr);
    let e = out.error.expect("error");
    assert_eq!(e.span.line, 2);
}

/// A name CPython's module has but gcplay does not model stops the run where
/// it is reached, as a refusal no `except` catches; a name neither has is
/// CPython's AttributeError.
#[test]
fn unmodelled_module_names_are_refused_where_they_are_reached() {
    let src = "import sys, gc\nprint(1)\ntry:\n    n = sys.getsizeof([])\nexcept Exception:\n    print('caught')\n";
    let out = run(src, &Options::default());
    assert_eq!((out.exit_code, out.stdout.as_str()), (1, "1\n"));
    assert!(
        out.stderr.ends_with("NotSupported: not supported in gcplay: sys.getsizeof (docs/language.md lists what is)\n"),
        "{}",
        out.stderr
    );
    let e = out.error.expect("error");
    assert_eq!((e.kind, e.span.line, e.span.col), (gcplay::ErrorKind::NotSupported, 4, 8));
    let out = run("xs = list(map(str, [1]))\n", &Options::default());
    assert!(
        out.stderr
            .ends_with("NotSupported: not supported in gcplay: the built-in 'map' (docs/language.md lists what is)\n"),
        "{}",
        out.stderr
    );
    let out = run("import gc\ngc.colect()\n", &Options::default());
    assert!(out.stderr.contains("AttributeError: module 'gc' has no attribute 'colect'"), "{}", out.stderr);
}

/// An attribute a built-in type has in CPython (dir() of the type, of its
/// built-in bases, of `type` for a class) but gcplay does not model is refused
/// where it is reached, like a module's; a name CPython lacks stays its
/// AttributeError.
#[test]
fn unmodelled_attributes_of_built_in_types_are_refused() {
    let refused = [
        ("s = 'a'.casefold()\n", "the attribute 'casefold' of 'str' objects"),
        ("n = [].__len__()\n", "the attribute '__len__' of 'list' objects"),
        ("f = int.from_bytes\n", "the attribute 'from_bytes' of the class 'int'"),
        ("r = True.numerator\n", "the attribute 'numerator' of 'bool' objects"),
        ("v = ValueError(1).add_note\n", "the attribute 'add_note' of 'ValueError' objects"),
        ("class C:\n    pass\nb = hasattr(C(), '__eq__')\n", "the attribute '__eq__' of 'C' objects"),
        ("m = iter([]).__length_hint__\n", "the attribute '__length_hint__' of 'list_iterator' objects"),
        (
            "class D:\n    def f(self):\n        return super().__sizeof__()\nD().f()\n",
            "the attribute '__sizeof__' through super()",
        ),
        ("i = (1, 2, 1).index(1, 1)\n", "the start and stop arguments of tuple.index()"),
        ("r = 'aaa'.replace('a', 'b', 1)\n", "the count arguments of str.replace()"),
        ("r = reversed({}.keys())\n", "reversed() of 'dict_keys' objects"),
        ("z = zip([1], strict=True)\n", "zip(strict=True)"),
        ("s = '{0[1]}'.format([1, 2])\n", "str.format() fields with an index, attribute or nested field"),
        ("class B:\n    def __init_subclass__(cls):\n        pass\n", "a class's own __init_subclass__"),
    ];
    for (src, what) in refused {
        let body = src.trim_end().replace('\n', "\n    ");
        let src = format!("try:\n    {body}\nexcept AttributeError:\n    print('caught')\n");
        let out = run(&src, &Options::default());
        assert_eq!(out.exit_code, 1, "{src}");
        assert!(
            out.stderr.ends_with(&format!(
                "NotSupported: not supported in gcplay: {what} (docs/language.md lists what is)\n"
            )),
            "{src}: {}",
            out.stderr
        );
    }
    for (src, err) in [
        ("'a'.nope\n", "AttributeError: 'str' object has no attribute 'nope'"),
        ("int.nope\n", "AttributeError: type object 'int' has no attribute 'nope'"),
        ("ValueError().nope\n", "AttributeError: 'ValueError' object has no attribute 'nope'"),
    ] {
        let out = run(src, &Options::default());
        assert!(out.stderr.contains(err), "{src}: {}", out.stderr);
    }
}

#[test]
fn memory_bombs_raise_memory_error_that_a_program_can_catch() {
    let src = "try:\n    x = [0] * 10**9\nexcept MemoryError:\n    print('big list')\ntry:\n    s = 'ab' * 10**9\nexcept MemoryError:\n    print('big str')\nz = []\ntry:\n    while True:\n        z.append([])\nexcept MemoryError:\n    print('many objects')\ndel z\nprint('still running')\n";
    let out = run(src, &Options { trace: false, max_objects: 5_000, ..Options::default() });
    assert_eq!(out.stdout, "big list\nbig str\nmany objects\nstill running\n", "{}", out.stderr);
    let out = run(
        "x = []\nwhile True:\n    x.append([])\n",
        &Options { trace: false, max_objects: 5_000, ..Options::default() },
    );
    assert_eq!(out.exit_code, 1);
    assert!(out.stderr.ends_with("MemoryError\n"), "{}", out.stderr);
}

#[test]
fn deep_recursion_through_native_calls_and_comparisons_raises_instead_of_crashing() {
    let src = "class A:\n    def __init__(self, n):\n        self.c = A(n - 1) if n else None\ntry:\n    a = A(900)\nexcept RecursionError:\n    print('deep init')\nx = []\nfor i in range(100000):\n    x = [x]\ny = []\nfor i in range(100000):\n    y = [y]\ntry:\n    print(x == y)\nexcept RecursionError as e:\n    print(e)\nt = ()\nfor i in range(100000):\n    t = (t,)\nd = {t: 1}\nprint('end')\n";
    // the test thread's stack is small: run where the CLI runs, on a big one
    let (stdout, stderr) = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || {
            let out = run(src, &Options { trace: false, ..Options::default() });
            (out.stdout, out.stderr)
        })
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(stdout, "deep init\nmaximum recursion depth exceeded in comparison\nend\n", "{stderr}");
}
